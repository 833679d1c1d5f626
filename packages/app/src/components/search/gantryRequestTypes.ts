/** The fields of a Gantry request document the result list shows. */
export type GantryRequestDocument = {
  title: string;
  text: string;
  location: string;
  kind?: string;
  environment?: string;
  statusLabel?: string;
};
