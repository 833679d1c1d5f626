import { ApprovalRequest } from '@internal/plugin-approvals-common';
import { Typography } from '@material-ui/core';
import { CostEstimateView } from '../CostEstimateView';
import { GuardrailResults } from '../GuardrailResults';
import { PlanCounts } from '../PlanReview';
import { infraApprovalData } from './infraApprovalData';

/**
 * What an approver reads before the Approve and Reject buttons: the plan's counts, its
 * destroy and replace warnings, the guardrails' results, and the estimated monthly cost.
 */
export const InfraApprovalSummary = ({
  request,
}: {
  request: ApprovalRequest;
}) => {
  const { details } = infraApprovalData(request);
  if (!details) {
    return (
      <Typography color="textSecondary">
        This request carries no plan summary to show.
      </Typography>
    );
  }
  return (
    <>
      <PlanCounts review={details.planSummary} />
      <GuardrailResults results={details.guardrails} />
      {details.costEstimate ? (
        <CostEstimateView estimate={details.costEstimate} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          No cost estimate: this approval was opened before cost estimates.
        </Typography>
      )}
    </>
  );
};
