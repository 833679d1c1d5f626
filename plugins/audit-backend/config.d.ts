export interface Config {
  gantry?: {
    audit?: {
      /**
       * How many days the audit trail keeps an entry. Older entries are deleted every few
       * hours by one replica; the chain keeps an anchor hash so the rest still verifies.
       * Default: 365.
       */
      retentionDays?: number;
    };
  };
}
