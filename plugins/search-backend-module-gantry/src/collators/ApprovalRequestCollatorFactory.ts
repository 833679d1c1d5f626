import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  ApprovalRequest,
  approvalStatusLabels,
  approvalsRequestReadPermission,
} from '@internal/plugin-approvals-common';
import { Readable } from 'node:stream';
import { fetchPages } from './fetchPages';
import {
  APPROVAL_REQUEST_DOCUMENT_TYPE,
  ApprovalRequestDocument,
} from './documentTypes';

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

/** Indexes every approval request, readable only by whom approvals.request.read allows. */
export class ApprovalRequestCollatorFactory implements DocumentCollatorFactory {
  readonly type = APPROVAL_REQUEST_DOCUMENT_TYPE;
  readonly visibilityPermission = approvalsRequestReadPermission;

  constructor(
    private readonly deps: { auth: AuthService; discovery: DiscoveryService },
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<ApprovalRequestDocument> {
    for await (const item of fetchPages(this.deps, {
      pluginId: 'approvals',
      path: '/search/requests',
      pageSize: 200,
    })) {
      yield toApprovalRequestDocument(item as ApprovalRequest);
    }
  }
}
