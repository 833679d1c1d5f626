import { PlanReviewDocument } from '@internal/plugin-infra-common';
import { Typography, makeStyles } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { usePlanStyles } from './usePlanStyles';

const useStyles = makeStyles(theme => ({
  counts: { fontWeight: 600, marginBottom: theme.spacing(1) },
  alert: { marginBottom: theme.spacing(1) },
}));

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The counts terraform prints ("2 to add, 0 to change, 1 to destroy"), and a warning for
 * what destroys: what an approver must see before deciding.
 */
export const PlanCounts = ({ review }: { review: PlanReviewDocument }) => {
  const classes = useStyles();
  const plan = usePlanStyles();
  const destroyed = review.destroy - review.replace;
  return (
    <div data-testid="plan-summary">
      <Typography className={classes.counts}>
        <span data-testid="plan-add-count" className={plan.added}>
          {review.add} to add
        </span>
        ,{' '}
        <span data-testid="plan-change-count" className={plan.changed}>
          {review.change} to change
        </span>
        ,{' '}
        <span data-testid="plan-destroy-count" className={plan.removed}>
          {review.destroy} to destroy
        </span>
        {review.replace > 0 && (
          <>
            {' '}
            (
            <span data-testid="plan-replace-count">
              {review.replace} replaced
            </span>
            )
          </>
        )}
        {review.import > 0 && <>, {review.import} to import</>}
        {review.move > 0 && <>, {review.move} moved</>}
        {review.read > 0 && <>, {review.read} to read</>}
      </Typography>
      {destroyed > 0 && (
        <Alert severity="error" className={classes.alert}>
          This plan destroys {plural(destroyed, 'resource')}.
        </Alert>
      )}
      {review.replace > 0 && (
        <Alert severity="warning" className={classes.alert}>
          This plan replaces {plural(review.replace, 'resource')}: each is
          destroyed and created again, and its data may be lost.
        </Alert>
      )}
    </div>
  );
};
