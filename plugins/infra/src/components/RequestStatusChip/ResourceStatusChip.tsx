import {
  InfraResource,
  infraResourceStatusLabel,
} from '@internal/plugin-infra-common';
import { Chip, makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  chip: { whiteSpace: 'nowrap', maxWidth: 'none' },
});

/** A resource's status as a chip: Pending, Active or Destroyed. */
export const ResourceStatusChip = ({
  status,
}: {
  status: InfraResource['status'];
}) => {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={infraResourceStatusLabel(status)}
      className={classes.chip}
      color={status === 'active' ? 'primary' : 'default'}
      variant={status === 'pending' ? 'outlined' : 'default'}
    />
  );
};
