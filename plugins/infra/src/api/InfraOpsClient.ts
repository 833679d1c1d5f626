import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { PluginBackendClient } from '@internal/plugin-api-react';
import { InfraOpsHealth, InfraOpsStats } from '@internal/plugin-infra-common';
import { InfraOpsApi } from './InfraOpsApi';

/** {@link InfraOpsApi} over `GET /api/infra/ops/*`. */
export class InfraOpsClient implements InfraOpsApi {
  private readonly backend: PluginBackendClient;

  constructor(deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new PluginBackendClient({ pluginId: 'infra', ...deps });
  }

  async getOpsStats(options: { days: number }): Promise<InfraOpsStats> {
    return this.backend.get(
      `/ops/stats?${new URLSearchParams({ days: String(options.days) })}`,
    );
  }

  async getOpsHealth(): Promise<InfraOpsHealth> {
    return this.backend.get('/ops/health');
  }
}
