import { ApprovalRequest } from '@internal/plugin-approvals-common';
import {
  INFRA_APPROVAL_KIND,
  InfraApprovalDetailsData,
  InfraApprovalPayload,
  InfraRequest,
  infraApprovalPayloadSchema,
} from '@internal/plugin-infra-common';

/** Who must approve an infrastructure request, from config. */
export type ApprovalPolicy = { approverGroups: string[]; quorum: number };

/** What an infrastructure approval binds: the request, its plan hash and its parameters. */
export function approvalPayloadOf(request: InfraRequest): InfraApprovalPayload {
  return infraApprovalPayloadSchema.parse({
    infraRequestId: request.id,
    planHash: request.planHash,
    operation: request.operation,
    kind: request.kind,
    name: request.resourceName,
    environment: request.environment,
    parameters: request.parameters,
  });
}

/** What approvers see beside the payload. */
export function approvalDetailsOf(
  request: InfraRequest,
): InfraApprovalDetailsData {
  // A missing plan is an error, never an empty plan shown to approvers.
  if (!request.planSummary) {
    throw new Error(`Request ${request.id} has no stored plan review`);
  }
  return {
    planSummary: request.planSummary,
    environment: request.environment,
    owner: request.ownerRef,
    justification: request.justification,
    guardrails: request.guardrails ?? [],
    costEstimate: request.costEstimate,
  };
}

/** The payload of an infrastructure approval, or undefined for any other approval. */
export function infraPayloadOf(approval: ApprovalRequest) {
  if (approval.kind !== INFRA_APPROVAL_KIND) return undefined;
  const parsed = infraApprovalPayloadSchema.safeParse(approval.payload);
  return parsed.success ? parsed.data : undefined;
}

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length &&
  [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * Why an approval does not cover a request, or undefined when it does: same request, same
 * requester, the approvers and quorum the infra config requires, and the plan hash the
 * approvers saw is the one stored.
 */
export function approvalMismatch(
  approval: ApprovalRequest,
  request: InfraRequest,
  policy: ApprovalPolicy,
): string | undefined {
  const payload = infraPayloadOf(approval);
  if (!payload) return 'the approval is not an infrastructure approval';
  if (payload.infraRequestId !== request.id) {
    return 'the approval is for another request';
  }
  if (approval.requesterRef !== request.requesterRef) {
    return 'the approval was requested by someone else';
  }
  if (
    approval.approvers.users.length > 0 ||
    !sameSet(approval.approvers.groups, policy.approverGroups)
  ) {
    return 'the approval names other approvers than the infra config requires';
  }
  if (approval.quorum < policy.quorum) {
    return `the approval needs ${approval.quorum} approvals; the infra config requires ${policy.quorum}`;
  }
  if (!request.planHash || payload.planHash !== request.planHash) {
    return 'the approved plan hash differs from the stored plan';
  }
  return undefined;
}
