import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { PluginBackendClient } from '@internal/plugin-api-react';
import {
  AccessRequest,
  AccessRequestPage,
  AccessTarget,
  CreateAccessRequest,
  RevokeAccessGrant,
} from '@internal/plugin-access-requests-common';
import {
  AccessRequestsApi,
  ListAccessRequestsOptions,
} from './AccessRequestsApi';

/** {@link AccessRequestsApi} over the access-requests backend's REST API. */
export class AccessRequestsClient implements AccessRequestsApi {
  private readonly backend: PluginBackendClient;

  constructor(deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new PluginBackendClient({
      pluginId: 'access-requests',
      ...deps,
    });
  }

  async listTargets(): Promise<{ items: AccessTarget[] }> {
    return this.backend.get('/targets');
  }

  async createRequest(request: CreateAccessRequest): Promise<AccessRequest> {
    return this.backend.post('/requests', request);
  }

  async listRequests(
    options: ListAccessRequestsOptions,
  ): Promise<AccessRequestPage> {
    const query = new URLSearchParams({ scope: options.scope });
    if (options.status) query.set('status', options.status);
    if (options.limit) query.set('limit', String(options.limit));
    if (options.cursor) query.set('cursor', options.cursor);
    return this.backend.get(`/requests?${query}`);
  }

  async getRequest(id: string): Promise<AccessRequest> {
    return this.backend.get(`/requests/${encodeURIComponent(id)}`);
  }

  async cancelRequest(id: string): Promise<AccessRequest> {
    return this.backend.post(`/requests/${encodeURIComponent(id)}/cancel`, {});
  }

  async revokeGrant(
    id: string,
    revocation: RevokeAccessGrant,
  ): Promise<AccessRequest> {
    return this.backend.post(
      `/requests/${encodeURIComponent(id)}/revoke`,
      revocation,
    );
  }
}
