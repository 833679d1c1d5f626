import {
  APPROVAL_REQUEST_SEARCH_TYPE,
  ApprovalRequest,
  approvalStatusLabels,
  approvalsRequestReadPermission,
} from '@internal/plugin-approvals-common';
import { PluginRecordSource } from './PluginRecordsCollatorFactory';
import { ApprovalRequestDocument } from './documentTypes';

/** The search document of one approval request. */
export function toApprovalRequestDocument(
  request: ApprovalRequest,
): ApprovalRequestDocument {
  return {
    title: request.title,
    text: [
      request.summary,
      `Requested by ${request.requesterRef}`,
      request.onBehalfOfRef ? `for ${request.onBehalfOfRef}.` : '',
    ]
      .filter(Boolean)
      .join(' '),
    location: `/approvals/requests/${encodeURIComponent(request.id)}`,
    // The search backend asks approvals.request.read on this request for every reader.
    authorization: { resourceRef: request.id },
    kind: request.kind,
    status: request.status,
    statusLabel: approvalStatusLabels[request.status] ?? request.status,
    requesterRef: request.requesterRef,
    createdAt: request.createdAt,
  };
}

/** Every approval request, readable only by whom approvals.request.read allows. */
export const approvalRequestSource: PluginRecordSource<ApprovalRequest> = {
  type: APPROVAL_REQUEST_SEARCH_TYPE,
  visibilityPermission: approvalsRequestReadPermission,
  pluginId: 'approvals',
  path: '/search/requests',
  pageSize: 200,
  toDocument: toApprovalRequestDocument,
};
