import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { callPluginApi, PluginApiRequest } from '@internal/plugin-api-node';
import {
  CreateInfraRequest,
  InfraCatalogSyncReport,
  InfraPage,
  InfraRequest,
  InfraResource,
} from '@internal/plugin-infra-common';
import { InfraService, OnBehalfOf } from './InfraService';

/**
 * The default {@link InfraService}: calls the infra backend over HTTP with
 * service-to-service auth, so it works wherever the infra plugin runs.
 */
export class DefaultInfraService implements InfraService {
  constructor(
    private readonly deps: { auth: AuthService; discovery: DiscoveryService },
  ) {}

  submitRequest(input: CreateInfraRequest, options: OnBehalfOf) {
    return this.call<InfraRequest>('/requests', {
      method: 'POST',
      body: input,
      onBehalfOf: options.credentials,
    });
  }

  getRequest(id: string, options: OnBehalfOf) {
    return this.call<InfraRequest>(`/requests/${encodeURIComponent(id)}`, {
      method: 'GET',
      onBehalfOf: options.credentials,
    });
  }

  applyRequest(id: string, options: OnBehalfOf) {
    return this.call<InfraRequest>(
      `/requests/${encodeURIComponent(id)}/apply`,
      { method: 'POST', body: {}, onBehalfOf: options.credentials },
    );
  }

  listResources(options: { cursor?: string } = {}) {
    const query = new URLSearchParams({ limit: '100' });
    if (options.cursor) query.set('cursor', options.cursor);
    return this.call<InfraPage<InfraResource>>(`/resources?${query}`, {
      method: 'GET',
    });
  }

  async reportCatalogSync(report: InfraCatalogSyncReport) {
    await this.call<void>('/ops/catalog-sync', {
      method: 'POST',
      body: report,
    });
  }

  private call<T>(
    path: string,
    options: Omit<PluginApiRequest, 'pluginId' | 'path'>,
  ) {
    return callPluginApi<T>(this.deps, { ...options, pluginId: 'infra', path });
  }
}
