import { AuditPage } from '@internal/plugin-audit-common';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  PluginBackendClient,
  timelinePageQuery,
  TimelinePage,
} from '@internal/plugin-api-react';
import {
  CostEstimate,
  EstimateInfraCost,
  InfraHealth,
  InfraLogLine,
  InfraPage,
  InfraRequest,
  InfraResource,
} from '@internal/plugin-infra-common';
import {
  InfraApi,
  ListInfraRequestsOptions,
  ListInfraResourcesOptions,
} from './InfraApi';

/** {@link InfraApi} over the infra backend's REST API. */
export class InfraClient implements InfraApi {
  private readonly backend: PluginBackendClient;

  constructor(deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new PluginBackendClient({ pluginId: 'infra', ...deps });
  }

  async listRequests(
    options: ListInfraRequestsOptions,
  ): Promise<InfraPage<InfraRequest>> {
    const query = new URLSearchParams();
    if (options.mine) query.set('mine', 'true');
    if (options.kind) query.set('kind', options.kind);
    if (options.status?.length) query.set('status', options.status.join(','));
    if (options.limit) query.set('limit', String(options.limit));
    if (options.cursor) query.set('cursor', options.cursor);
    return this.backend.get(`/requests?${query}`);
  }

  async getRequest(id: string): Promise<InfraRequest> {
    return this.backend.get(`/requests/${encodeURIComponent(id)}`);
  }

  async getRequestLogs(
    id: string,
    options: { after?: number } = {},
  ): Promise<{ items: InfraLogLine[] }> {
    const query = new URLSearchParams();
    if (options.after !== undefined) query.set('after', String(options.after));
    const search = query.toString();
    return this.backend.get(
      `/requests/${encodeURIComponent(id)}/logs${search ? `?${search}` : ''}`,
    );
  }

  async getRequestAudit(
    id: string,
    page: TimelinePage = {},
  ): Promise<AuditPage> {
    return this.backend.get(
      `/requests/${encodeURIComponent(id)}/audit?${timelinePageQuery(page)}`,
    );
  }

  async listResources(
    options: ListInfraResourcesOptions,
  ): Promise<InfraPage<InfraResource>> {
    const query = new URLSearchParams();
    if (options.mine) query.set('mine', 'true');
    if (options.kind) query.set('kind', options.kind);
    if (options.limit) query.set('limit', String(options.limit));
    if (options.cursor) query.set('cursor', options.cursor);
    return this.backend.get(`/resources?${query}`);
  }

  async getHealth(): Promise<InfraHealth> {
    return this.backend.get('/health');
  }

  async getResource(id: string): Promise<InfraResource> {
    return this.backend.get(`/resources/${encodeURIComponent(id)}`);
  }

  async destroyResource(
    id: string,
    options: { justification: string },
  ): Promise<InfraRequest> {
    return this.backend.post(`/resources/${encodeURIComponent(id)}/destroy`, {
      justification: options.justification,
    });
  }

  async estimateCost(input: EstimateInfraCost): Promise<CostEstimate> {
    return this.backend.post('/estimate', input);
  }
}
