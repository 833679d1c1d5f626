import { InfraRequestStatus } from '@internal/plugin-infra-common';
import { Chip, makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  success: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  error: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

const FAILED: InfraRequestStatus[] = ['failed', 'rejected'];
const IN_FLIGHT: InfraRequestStatus[] = [
  'awaiting_approval',
  'approved',
  'applying',
];

/** `awaiting_approval` → `awaiting approval` */
export const statusLabel = (status: string) => status.replace(/_/g, ' ');

/** A provisioning request's status as a chip. */
export const RequestStatusChip = ({
  status,
}: {
  status: InfraRequestStatus;
}) => {
  const classes = useStyles();
  let className: string | undefined;
  if (status === 'applied') className = classes.success;
  if (FAILED.includes(status)) className = classes.error;
  return (
    <Chip
      size="small"
      label={statusLabel(status)}
      className={className}
      color={IN_FLIGHT.includes(status) ? 'primary' : 'default'}
      variant={status === 'awaiting_approval' ? 'outlined' : 'default'}
    />
  );
};
