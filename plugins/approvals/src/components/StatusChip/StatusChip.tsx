import {
  ApprovalStatus,
  approvalStatusLabels,
} from '@internal/plugin-approvals-common';
import { Chip, makeStyles } from '@material-ui/core';

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

// A status is one word to the eye: it never breaks across lines in a narrow column.
const useStyles = makeStyles({
  chip: { whiteSpace: 'nowrap', maxWidth: 'none' },
  label: { whiteSpace: 'nowrap' },
});

/** A request's status as a chip, in the words of {@link approvalStatusLabels}. */
export const StatusChip = ({ status }: { status: ApprovalStatus }) => {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={approvalStatusLabels[status] ?? status}
      color={colors[status]}
      variant={status === 'pending' ? 'outlined' : 'default'}
      classes={{ root: classes.chip, label: classes.label }}
      data-testid="approval-status"
    />
  );
};
