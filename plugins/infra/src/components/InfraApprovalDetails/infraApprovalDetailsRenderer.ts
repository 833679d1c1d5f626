import { InfraApprovalDetails } from './InfraApprovalDetails';
import { InfraApprovalSummary } from './InfraApprovalSummary';

/**
 * How the approvals inbox shows an `infrastructure` request: the plan counts above the
 * Approve and Reject buttons, the attribute diff and the rest below.
 */
export const infraApprovalDetailsRenderer = {
  Summary: InfraApprovalSummary,
  Details: InfraApprovalDetails,
};
