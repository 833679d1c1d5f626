import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CreateInfraRequest,
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

  planRequest(input: CreateInfraRequest, options: OnBehalfOf) {
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

  private async call<T>(
    path: string,
    options: {
      method: string;
      body?: unknown;
      onBehalfOf?: BackstageCredentials;
    },
  ): Promise<T> {
    const { auth, discovery } = this.deps;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: options.onBehalfOf ?? (await auth.getOwnServiceCredentials()),
      targetPluginId: 'infra',
    });
    const baseUrl = await discovery.getBaseUrl('infra');
    const res = await fetch(`${baseUrl}${path}`, {
      method: options.method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(options.body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: options.body ? JSON.stringify(options.body) : undefined,
    });
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }
}
