import { AccessRequestStatus } from '@internal/plugin-access-requests-common';
import { Chip, makeStyles } from '@material-ui/core';

/** Each status in words. */
export const accessRequestStatusLabels: Record<AccessRequestStatus, string> = {
  pending: 'Awaiting approval',
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

const useStyles = makeStyles(theme => ({
  // A status is one label: never broken mid-word in a narrow column.
  chip: { whiteSpace: 'nowrap', maxWidth: 'none' },
  active: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  ended: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

/** A request's status as a chip: green while the grant is in force, red when it was refused or taken back. */
export const AccessRequestStatusChip = ({
  status,
}: {
  status: AccessRequestStatus;
}) => {
  const classes = useStyles();
  let className = classes.chip;
  if (status === 'active') className += ` ${classes.active}`;
  if (status === 'rejected' || status === 'revoked') {
    className += ` ${classes.ended}`;
  }
  return (
    <Chip
      size="small"
      label={accessRequestStatusLabels[status] ?? status}
      className={className}
      color={status === 'pending' ? 'primary' : 'default'}
      variant={status === 'pending' ? 'outlined' : 'default'}
      data-testid="access-request-status"
    />
  );
};
