export interface Config {
  gantry?: {
    infra?: {
      /**
       * How often, in seconds, the catalog re-reads every provisioned resource from the infra
       * backend. Changes normally arrive sooner through events; this is the safety net.
       * Default: 60.
       */
      catalogRefreshSeconds?: number;
    };
  };
}
