import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** Gantry's infrastructure and approval request collators. */
      gantry?: {
        /** How often both are indexed; every 10 minutes by default. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
    /**
     * After a start, index the catalog as soon as it has settled, instead of waiting for the
     * catalog collator's next scheduled run.
     */
    catalogWarmup?: {
      /** On by default. */
      enabled?: boolean;
      /** How often the catalog's size is read; 3 by default. */
      pollIntervalSeconds?: number;
      /** Polls at an unchanged size before the catalog counts as settled; 2 by default. */
      settlePolls?: number;
      /** How long after the start to keep watching; 10 by default. */
      windowMinutes?: number;
    };
  };
}
