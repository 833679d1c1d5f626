export { InfraApprovalDetails } from './InfraApprovalDetails';
export { InfraApprovalSummary } from './InfraApprovalSummary';
export { infraApprovalDetailsRenderer } from './infraApprovalDetailsRenderer';
