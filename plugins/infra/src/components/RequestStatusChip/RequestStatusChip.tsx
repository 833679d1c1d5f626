import {
  InfraOperation,
  InfraRequestStatus,
  infraRequestStatusLabel,
} from '@internal/plugin-infra-common';
import { Chip, makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  // A status is one label: never broken mid-word in a narrow column.
  chip: { whiteSpace: 'nowrap', maxWidth: 'none' },
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

/** A request's status in words: `awaiting_approval` → `Awaiting approval`. */
export const statusLabel = (
  status: InfraRequestStatus,
  operation?: InfraOperation,
) => infraRequestStatusLabel(status, operation);

/** A provisioning request's status as a chip; an applied destroy says `Destroyed`. */
export const RequestStatusChip = ({
  status,
  operation,
}: {
  status: InfraRequestStatus;
  operation?: InfraOperation;
}) => {
  const classes = useStyles();
  let className = classes.chip;
  if (status === 'applied') className += ` ${classes.success}`;
  if (FAILED.includes(status)) className += ` ${classes.error}`;
  return (
    <Chip
      size="small"
      label={statusLabel(status, operation)}
      className={className}
      color={IN_FLIGHT.includes(status) ? 'primary' : 'default'}
      variant={status === 'awaiting_approval' ? 'outlined' : 'default'}
    />
  );
};
