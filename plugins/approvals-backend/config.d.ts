import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  approvals?: {
    /**
     * When one replica sweeps pending requests past their expiry.
     * Default: every minute, 10 s after start.
     */
    expirySweep?: SchedulerServiceTaskScheduleDefinitionConfig;
  };
}
