import { ApprovalRequest } from '@internal/plugin-approvals-common';
import {
  INFRA_APPROVAL_KIND,
  InfraRequest,
} from '@internal/plugin-infra-common';
import { z } from 'zod';

/** What an infrastructure approval binds: the request, its plan hash and its parameters. */
export function approvalPayloadOf(request: InfraRequest) {
  return {
    infraRequestId: request.id,
    planHash: request.planHash,
    operation: request.operation,
    kind: request.kind,
    name: request.resourceName,
    environment: request.environment,
    parameters: request.parameters,
  };
}

/** What approvers see beside the payload. */
export function approvalDetailsOf(request: InfraRequest) {
  return {
    planSummary: request.planSummary,
    environment: request.environment,
    owner: request.ownerRef,
    justification: request.justification,
  };
}

const payloadSchema = z
  .object({ infraRequestId: z.string(), planHash: z.string() })
  .loose();

/** The infra request an approval is about, or undefined when it is not an infra approval. */
export function infraRequestIdOf(approval: ApprovalRequest) {
  if (approval.kind !== INFRA_APPROVAL_KIND) return undefined;
  const parsed = payloadSchema.safeParse(approval.payload);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Why an approval does not cover a request, or undefined when it does: same request, same
 * requester, and the plan hash the approvers saw is the one stored.
 */
export function approvalMismatch(
  approval: ApprovalRequest,
  request: InfraRequest,
): string | undefined {
  const payload = infraRequestIdOf(approval);
  if (!payload) return 'the approval is not an infrastructure approval';
  if (payload.infraRequestId !== request.id) {
    return 'the approval is for another request';
  }
  if (approval.requesterRef !== request.requesterRef) {
    return 'the approval was requested by someone else';
  }
  if (!request.planHash || payload.planHash !== request.planHash) {
    return 'the approved plan hash differs from the stored plan';
  }
  return undefined;
}
