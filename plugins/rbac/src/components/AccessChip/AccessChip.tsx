import { AccessCell, AccessResult } from '@internal/plugin-rbac-common';
import { Chip, makeStyles, Tooltip } from '@material-ui/core';
import { formatConditions } from '../../formatCondition';

const useStyles = makeStyles(theme => ({
  ALLOW: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  CONDITIONAL: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  DENY: {},
}));

const OUTCOMES: Record<AccessResult, string> = {
  ALLOW: 'Allowed',
  CONDITIONAL: 'Conditional',
  DENY: 'Denied',
};

type Decision = Pick<AccessCell, 'result' | 'conditions'>;

/** The words for a decision: "Allowed", "Conditional: IS_OWNER", "Denied". */
export function accessLabel(decision: Decision): string {
  const outcome = OUTCOMES[decision.result];
  return decision.result === 'CONDITIONAL' && decision.conditions?.length
    ? `${outcome}: ${formatConditions(decision.conditions)}`
    : outcome;
}

/**
 * A decision as a chip. `compact` (for the matrix) shows only the outcome and moves the
 * conditions to a tooltip.
 */
export const AccessChip = ({
  cell,
  compact = false,
}: {
  cell: Decision;
  compact?: boolean;
}) => {
  const classes = useStyles();
  const full = accessLabel(cell);
  const label = compact ? OUTCOMES[cell.result] : full;
  const chip = (
    <Chip
      size="small"
      label={label}
      className={classes[cell.result]}
      variant={cell.result === 'DENY' ? 'outlined' : 'default'}
    />
  );
  return label === full ? chip : <Tooltip title={full}>{chip}</Tooltip>;
};
