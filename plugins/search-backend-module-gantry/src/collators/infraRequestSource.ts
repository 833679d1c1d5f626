import {
  INFRA_REQUEST_SEARCH_TYPE,
  InfraRequest,
  infraRequestReadPermission,
  infraRequestStatusLabel,
} from '@internal/plugin-infra-common';
import { PluginRecordSource } from './PluginRecordsCollatorFactory';
import { InfraRequestDocument } from './documentTypes';

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

/**
 * Every infrastructure request, readable only by whom infra.request.read allows. `GET
 * /requests` lists everything for a plugin's own service token.
 */
export const infraRequestSource: PluginRecordSource<InfraRequest> = {
  type: INFRA_REQUEST_SEARCH_TYPE,
  visibilityPermission: infraRequestReadPermission,
  pluginId: 'infra',
  path: '/requests',
  pageSize: 100,
  toDocument: toInfraRequestDocument,
};
