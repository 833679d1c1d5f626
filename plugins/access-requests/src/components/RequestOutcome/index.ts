export { RequestOutcome, useApprovalLink } from './RequestOutcome';
