import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { PluginBackendClient } from '@internal/plugin-api-react';
import {
  CreateAccessRequestsItem,
  AccessRequestsItem,
  AccessRequestsItemPage,
} from '@internal/plugin-access-requests-common';
import { AccessRequestsApi } from './AccessRequestsApi';

/** {@link AccessRequestsApi} over the access-requests backend's REST API. */
export class AccessRequestsClient implements AccessRequestsApi {
  private readonly backend: PluginBackendClient;

  constructor(deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new PluginBackendClient({ pluginId: 'access-requests', ...deps });
  }

  async listItems(
    options: { limit?: number; cursor?: string } = {},
  ): Promise<AccessRequestsItemPage> {
    const query = new URLSearchParams();
    if (options.limit) query.set('limit', String(options.limit));
    if (options.cursor) query.set('cursor', options.cursor);
    return this.backend.get(`/items?${query}`);
  }

  async createItem(item: CreateAccessRequestsItem): Promise<AccessRequestsItem> {
    return this.backend.post('/items', item);
  }

  async requestPublish(id: string): Promise<AccessRequestsItem> {
    return this.backend.post(`/items/${encodeURIComponent(id)}/publish`, {});
  }
}
