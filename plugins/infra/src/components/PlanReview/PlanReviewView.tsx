import { PlanReviewDocument } from '@internal/plugin-infra-common';
import { PlanCounts } from './PlanCounts';
import { PlanDiff } from './PlanDiff';

/** A whole plan review: the counts, then the diff. */
export const PlanReviewView = ({ review }: { review: PlanReviewDocument }) => (
  <>
    <PlanCounts review={review} />
    <PlanDiff review={review} />
  </>
);
