import { ApprovalStatus } from './types';

/**
 * How each status reads to people, the same on every page. A request only says what
 * happened to it, not what the consumer did with it: "Completed", not "Applied", so a
 * destroy request does not end saying it applied something.
 */
export const approvalStatusLabels: Record<ApprovalStatus, string> = {
  pending: 'Awaiting approval',
  approved: 'Approved',
  rejected: 'Rejected',
  expired: 'Expired',
  cancelled: 'Cancelled',
  executing: 'In progress',
  completed: 'Completed',
  failed: 'Failed',
};
