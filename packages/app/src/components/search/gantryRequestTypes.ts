/**
 * The search types of Gantry's own records, as the search backend module
 * `@internal/plugin-search-backend-module-gantry` indexes them.
 */
export const INFRA_REQUEST_SEARCH_TYPE = 'infra-request';

/** See {@link INFRA_REQUEST_SEARCH_TYPE}. */
export const APPROVAL_REQUEST_SEARCH_TYPE = 'approval-request';

/** The fields of a Gantry request document the result list shows. */
export type GantryRequestDocument = {
  title: string;
  text: string;
  location: string;
  kind?: string;
  environment?: string;
  statusLabel?: string;
};
