import { InfoCard } from '@backstage/core-components';
import { Grid, Typography } from '@material-ui/core';
import {
  InfraOpsDurations,
  InfraOpsStats,
} from '@internal/plugin-infra-common';
import { formatDuration } from './formatDuration';

const Figure = ({
  label,
  durations,
}: {
  label: string;
  durations: InfraOpsDurations;
}) => (
  <Grid item xs={12} sm={6}>
    <Typography variant="subtitle2">{label}</Typography>
    {durations.count === 0 ? (
      <Typography color="textSecondary">No approved requests yet</Typography>
    ) : (
      <>
        <Typography variant="h5">
          p50 {formatDuration(durations.p50Ms ?? 0)} · p95{' '}
          {formatDuration(durations.p95Ms ?? 0)}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          over {durations.count} request{durations.count === 1 ? '' : 's'}
        </Typography>
      </>
    )}
  </Grid>
);

/** p50 and p95 of submit → approval and approval → applied. */
export const DurationsCard = ({ stats }: { stats: InfraOpsStats }) => (
  <InfoCard title="Time to approval and to applied">
    <Grid container spacing={2}>
      <Figure label="Submit → approval" durations={stats.submitToApproval} />
      <Figure label="Approval → applied" durations={stats.approvalToApplied} />
    </Grid>
  </InfoCard>
);
