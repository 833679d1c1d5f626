import { Typography, makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  fold: { marginTop: theme.spacing(2) },
  summary: { cursor: 'pointer', fontWeight: 600 },
  hash: { fontFamily: 'monospace', wordBreak: 'break-all' },
}));

/** The plan hash, folded away and explained, for whoever needs to compare plans. */
export const PlanFingerprint = ({ planHash }: { planHash: string }) => {
  const classes = useStyles();
  return (
    <details className={classes.fold} data-testid="plan-fingerprint">
      <summary className={classes.summary}>Plan fingerprint</summary>
      <Typography variant="body2" color="textSecondary">
        A checksum of the saved plan file: Gantry applies only the plan with
        this fingerprint, so what was approved is exactly what runs.
      </Typography>
      <Typography variant="body2" className={classes.hash}>
        {planHash}
      </Typography>
    </details>
  );
};
