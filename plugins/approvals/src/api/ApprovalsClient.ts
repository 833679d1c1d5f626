import { AuditPage } from '@internal/plugin-audit-common';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  PluginBackendClient,
  timelinePageQuery,
  TimelinePage,
} from '@internal/plugin-api-react';
import {
  ApprovalDecision,
  ApprovalRequest,
  ApprovalRequestPage,
  ApprovalsSummary,
} from '@internal/plugin-approvals-common';
import { ApprovalsApi, ListApprovalRequestsOptions } from './ApprovalsApi';

/** {@link ApprovalsApi} over the approvals backend's REST API. */
export class ApprovalsClient implements ApprovalsApi {
  private readonly backend: PluginBackendClient;

  constructor(deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new PluginBackendClient({ pluginId: 'approvals', ...deps });
  }

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
    return this.backend.get(`/requests?${query}`);
  }

  async getRequestAudit(
    id: string,
    page: TimelinePage = {},
  ): Promise<AuditPage> {
    return this.backend.get(
      `/requests/${encodeURIComponent(id)}/audit?${timelinePageQuery(page)}`,
    );
  }

  async getRequest(id: string): Promise<ApprovalRequest> {
    return this.backend.get(`/requests/${encodeURIComponent(id)}`);
  }

  async decide(
    id: string,
    decision: ApprovalDecision,
  ): Promise<ApprovalRequest> {
    return this.backend.post(
      `/requests/${encodeURIComponent(id)}/decision`,
      decision,
    );
  }

  async cancel(
    id: string,
    options: { comment?: string },
  ): Promise<ApprovalRequest> {
    return this.backend.post(
      `/requests/${encodeURIComponent(id)}/cancel`,
      options,
    );
  }

  async getSummary(): Promise<ApprovalsSummary> {
    return this.backend.get('/summary');
  }
}
