import { AuditOutcome } from '@internal/plugin-audit-common';
import { Chip, makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  failed: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

/** An entry's outcome; a failure stands out in red. */
export const OutcomeChip = ({ outcome }: { outcome: AuditOutcome }) => {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={outcome}
      className={outcome === 'failed' ? classes.failed : undefined}
    />
  );
};
