import { ApprovalStatus } from '@internal/plugin-approvals-common';
import { Chip } from '@material-ui/core';

const colors: Record<ApprovalStatus, 'default' | 'primary' | 'secondary'> = {
  pending: 'primary',
  approved: 'primary',
  executing: 'primary',
  completed: 'default',
  rejected: 'secondary',
  failed: 'secondary',
  expired: 'default',
  cancelled: 'default',
};

/** A request's status as a chip. */
export const StatusChip = ({ status }: { status: ApprovalStatus }) => (
  <Chip
    size="small"
    label={status}
    color={colors[status]}
    variant={status === 'pending' ? 'outlined' : 'default'}
  />
);
