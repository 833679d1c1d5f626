import { createApiRef } from '@backstage/core-plugin-api';
import { InfraOpsHealth, InfraOpsStats } from '@internal/plugin-infra-common';

/** The operations dashboard's reads of the infra backend (`infra.ops.read`). */
export interface InfraOpsApi {
  /** Request analytics of the last `days` days (1–90). */
  getOpsStats(options: { days: number }): Promise<InfraOpsStats>;
  /** Terraform, the job workers and their queue, the sweeper and the database. */
  getOpsHealth(): Promise<InfraOpsHealth>;
}

/** Ref of the {@link InfraOpsApi}. */
export const infraOpsApiRef = createApiRef<InfraOpsApi>({
  id: 'plugin.infra.ops',
});
