import {
  PlanResourceChange,
  PlannedActionName,
} from '@internal/plugin-infra-common';
import { Box, Typography, makeStyles } from '@material-ui/core';
import { AttributeDiff } from './AttributeDiff';
import { usePlanStyles } from './usePlanStyles';

type Tone = 'added' | 'changed' | 'removed' | 'unchanged' | 'read';

/** Per action: terraform's symbol, the words, and the colour. */
export const ACTION_LOOK: Record<
  PlannedActionName,
  { symbol: string; label: string; tone: Tone }
> = {
  create: { symbol: '+', label: 'will be created', tone: 'added' },
  update: { symbol: '~', label: 'will be updated in place', tone: 'changed' },
  delete: { symbol: '-', label: 'will be DESTROYED', tone: 'removed' },
  replace: {
    symbol: '-/+',
    label: 'will be REPLACED (destroyed, then created)',
    tone: 'removed',
  },
  read: { symbol: '<=', label: 'will be read', tone: 'read' },
  'no-op': { symbol: ' ', label: 'has no changes', tone: 'unchanged' },
  forget: {
    symbol: '.',
    label: 'will be removed from the state only (not destroyed)',
    tone: 'changed',
  },
};

const useStyles = makeStyles(theme => ({
  block: {
    marginTop: theme.spacing(1.5),
    paddingTop: theme.spacing(1),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  address: { fontFamily: 'monospace', fontWeight: 700, wordBreak: 'break-all' },
  note: { fontSize: '0.85rem' },
}));

/** One resource change: what happens to it and why, then its attribute diff. */
export const ResourceChangeView = ({
  resource,
}: {
  resource: PlanResourceChange;
}) => {
  const classes = useStyles();
  const plan = usePlanStyles();
  const look = ACTION_LOOK[resource.action];
  return (
    <Box className={classes.block} data-testid="plan-resource">
      <Typography component="div">
        <span className={`${plan.mono} ${plan[look.tone]}`}>
          {look.symbol}{' '}
        </span>
        <span className={classes.address}>{resource.address}</span>{' '}
        <span className={plan[look.tone]}>
          {resource.mode === 'data' && resource.action === 'read'
            ? 'data source will be read'
            : look.label}
        </span>
      </Typography>
      {resource.previousAddress && (
        <Typography className={classes.note} color="textSecondary">
          Moved from <code>{resource.previousAddress}</code>
        </Typography>
      )}
      {resource.importing && (
        <Typography className={classes.note} color="textSecondary">
          Imported
          {resource.importing.id ? (
            <>
              {' '}
              from existing object <code>{resource.importing.id}</code>
            </>
          ) : (
            ' from an existing object'
          )}
        </Typography>
      )}
      {resource.actionReasonText && (
        <Typography className={`${classes.note} ${plan.forces}`}>
          Why: {resource.actionReasonText}
        </Typography>
      )}
      {resource.diff ? (
        <AttributeDiff diff={resource.diff} />
      ) : (
        <Typography className={classes.note} color="textSecondary">
          The attribute changes of this plan were not recorded.
        </Typography>
      )}
    </Box>
  );
};
