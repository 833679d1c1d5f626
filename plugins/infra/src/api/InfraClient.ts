import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
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
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async listRequests(
    options: ListInfraRequestsOptions,
  ): Promise<InfraPage<InfraRequest>> {
    const query = new URLSearchParams();
    if (options.mine) query.set('mine', 'true');
    if (options.kind) query.set('kind', options.kind);
    if (options.status?.length) query.set('status', options.status.join(','));
    if (options.limit) query.set('limit', String(options.limit));
    if (options.cursor) query.set('cursor', options.cursor);
    return this.call(`/requests?${query}`);
  }

  async getRequest(id: string): Promise<InfraRequest> {
    return this.call(`/requests/${encodeURIComponent(id)}`);
  }

  async getRequestLogs(
    id: string,
    options: { after?: number } = {},
  ): Promise<{ items: InfraLogLine[] }> {
    const query = new URLSearchParams();
    if (options.after !== undefined) query.set('after', String(options.after));
    const search = query.toString();
    return this.call(
      `/requests/${encodeURIComponent(id)}/logs${search ? `?${search}` : ''}`,
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
    return this.call(`/resources?${query}`);
  }

  async getResource(id: string): Promise<InfraResource> {
    return this.call(`/resources/${encodeURIComponent(id)}`);
  }

  async destroyResource(
    id: string,
    options: { justification: string },
  ): Promise<InfraRequest> {
    return this.call(`/resources/${encodeURIComponent(id)}/destroy`, {
      justification: options.justification,
    });
  }

  private async call<T>(path: string, body?: unknown): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('infra');
    const res = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers:
        body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }
}
