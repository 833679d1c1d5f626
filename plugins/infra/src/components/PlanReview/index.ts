export { PlanCounts } from './PlanCounts';
export { PlanDiff } from './PlanDiff';
export { PlanFingerprint } from './PlanFingerprint';
export { PlanReviewView } from './PlanReviewView';
