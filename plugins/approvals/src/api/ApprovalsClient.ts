import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ApprovalDecision,
  ApprovalRequest,
  ApprovalRequestPage,
  ApprovalsSummary,
} from '@internal/plugin-approvals-common';
import { ApprovalsApi, ListApprovalRequestsOptions } from './ApprovalsApi';

/** {@link ApprovalsApi} over the approvals backend's REST API. */
export class ApprovalsClient implements ApprovalsApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async listRequests(
    options: ListApprovalRequestsOptions,
  ): Promise<ApprovalRequestPage> {
    const query = new URLSearchParams();
    if (options.status?.length) query.set('status', options.status.join(','));
    if (options.kind) query.set('kind', options.kind);
    if (options.mine) query.set('mine', 'true');
    if (options.assignedToMe) query.set('assignedToMe', 'true');
    if (options.limit) query.set('limit', String(options.limit));
    if (options.cursor) query.set('cursor', options.cursor);
    if (options.order) query.set('order', options.order);
    return this.call(`/requests?${query}`);
  }

  async getRequest(id: string): Promise<ApprovalRequest> {
    return this.call(`/requests/${encodeURIComponent(id)}`);
  }

  async decide(
    id: string,
    decision: ApprovalDecision,
  ): Promise<ApprovalRequest> {
    return this.call(`/requests/${encodeURIComponent(id)}/decision`, decision);
  }

  async cancel(
    id: string,
    options: { comment?: string },
  ): Promise<ApprovalRequest> {
    return this.call(`/requests/${encodeURIComponent(id)}/cancel`, options);
  }

  async getSummary(): Promise<ApprovalsSummary> {
    return this.call('/summary');
  }

  private async call<T>(path: string, body?: unknown): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('approvals');
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
