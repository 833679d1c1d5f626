export { InfraApprovalDetails } from './InfraApprovalDetails';
