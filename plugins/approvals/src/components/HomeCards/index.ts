export { WaitingForMyApprovalCard } from './WaitingForMyApprovalCard';
