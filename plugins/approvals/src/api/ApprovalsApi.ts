import { TimelinePage } from '@internal/plugin-api-react';
import { AuditPage } from '@internal/plugin-audit-common';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  ApprovalDecision,
  ApprovalRequest,
  ApprovalRequestPage,
  ApprovalStatus,
  ApprovalsSummary,
} from '@internal/plugin-approvals-common';

/** Filters of the request list. */
export type ListApprovalRequestsOptions = {
  status?: ApprovalStatus[];
  kind?: string;
  mine?: boolean;
  assignedToMe?: boolean;
  limit?: number;
  cursor?: string;
  order?: 'asc' | 'desc';
};

/** The approvals backend, as the frontend sees it. */
export interface ApprovalsApi {
  listRequests(
    options: ListApprovalRequestsOptions,
  ): Promise<ApprovalRequestPage>;
  getRequest(id: string): Promise<ApprovalRequest>;
  decide(id: string, decision: ApprovalDecision): Promise<ApprovalRequest>;
  cancel(id: string, options: { comment?: string }): Promise<ApprovalRequest>;
  getSummary(): Promise<ApprovalsSummary>;
  /** The request's audit timeline, newest first, a page at a time. */
  getRequestAudit(id: string, page?: TimelinePage): Promise<AuditPage>;
}

/** Ref of the {@link ApprovalsApi}. */
export const approvalsApiRef = createApiRef<ApprovalsApi>({
  id: 'plugin.approvals.service',
});
