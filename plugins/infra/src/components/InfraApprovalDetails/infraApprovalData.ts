import { ApprovalRequest } from '@internal/plugin-approvals-common';
import {
  InfraApprovalDetailsData,
  InfraApprovalPayload,
  infraApprovalDetailsSchema,
  infraApprovalPayloadSchema,
} from '@internal/plugin-infra-common';

/**
 * The payload and details of an `infrastructure` approval, read with the schemas the infra
 * backend writes them with; either is undefined when it does not parse.
 */
export function infraApprovalData(request: ApprovalRequest): {
  payload?: InfraApprovalPayload;
  details?: InfraApprovalDetailsData;
} {
  const payload = infraApprovalPayloadSchema.safeParse(request.payload);
  const details = infraApprovalDetailsSchema.safeParse(request.details);
  return {
    payload: payload.success ? payload.data : undefined,
    details: details.success ? details.data : undefined,
  };
}
