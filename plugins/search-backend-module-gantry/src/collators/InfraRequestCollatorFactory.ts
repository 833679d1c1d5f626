import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  InfraRequest,
  infraRequestReadPermission,
  infraRequestStatusLabel,
} from '@internal/plugin-infra-common';
import { Readable } from 'node:stream';
import { fetchPages } from './fetchPages';
import {
  INFRA_REQUEST_DOCUMENT_TYPE,
  InfraRequestDocument,
} from './documentTypes';

/** The search document of one infrastructure request. */
export function toInfraRequestDocument(
  request: InfraRequest,
): InfraRequestDocument {
  const verb = request.operation === 'destroy' ? 'destroy' : 'create';
  return {
    title: request.resourceName,
    text: [
      `Request to ${verb} the ${request.kind} ${request.resourceName} in ${request.environment}`,
      `for ${request.ownerRef}, by ${request.requesterRef}.`,
      request.justification,
    ].join(' '),
    location: `/infra/requests/${encodeURIComponent(request.id)}`,
    // The search backend asks infra.request.read on this request for every reader.
    authorization: { resourceRef: request.id },
    kind: request.kind,
    operation: request.operation,
    environment: request.environment,
    status: request.status,
    statusLabel: infraRequestStatusLabel(request.status, request.operation),
    ownerRef: request.ownerRef,
    requesterRef: request.requesterRef,
    createdAt: request.createdAt,
  };
}

/** Indexes every infrastructure request, readable only by whom infra.request.read allows. */
export class InfraRequestCollatorFactory implements DocumentCollatorFactory {
  readonly type = INFRA_REQUEST_DOCUMENT_TYPE;
  readonly visibilityPermission = infraRequestReadPermission;

  constructor(
    private readonly deps: { auth: AuthService; discovery: DiscoveryService },
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<InfraRequestDocument> {
    // GET /requests lists everything for a plugin's own service token.
    for await (const item of fetchPages(this.deps, {
      pluginId: 'infra',
      path: '/requests',
      pageSize: 100,
    })) {
      yield toInfraRequestDocument(item as InfraRequest);
    }
  }
}
