import {
  PlanReviewDocument,
  PlannedActionName,
} from '@internal/plugin-infra-common';
import { Box, Typography } from '@material-ui/core';
import { AttributeDiff } from './AttributeDiff';
import { ACTION_LOOK, ResourceChangeView } from './ResourceChangeView';
import { usePlanStyles } from './usePlanStyles';

// Destructive changes first: they are what an approver must not miss.
const ORDER: PlannedActionName[] = [
  'delete',
  'replace',
  'forget',
  'update',
  'create',
  'read',
  'no-op',
];

/** Every resource change of a plan with its attribute diff, then the changed outputs. */
export const PlanDiff = ({ review }: { review: PlanReviewDocument }) => {
  const plan = usePlanStyles();
  const resources = [...review.resources].sort(
    (a, b) => ORDER.indexOf(a.action) - ORDER.indexOf(b.action),
  );
  const changes = resources.filter(
    r => r.action !== 'no-op' || r.previousAddress || r.importing,
  );
  const unchanged = resources.length - changes.length;
  return (
    <div data-testid="plan-diff">
      {changes.length === 0 && review.outputs.length === 0 && (
        <Typography color="textSecondary">
          No changes: the infrastructure already matches the request.
        </Typography>
      )}
      {changes.map(resource => (
        <ResourceChangeView key={resource.address} resource={resource} />
      ))}
      {unchanged > 0 && (
        <Typography color="textSecondary" variant="body2">
          {unchanged} {unchanged === 1 ? 'resource has' : 'resources have'} no
          changes.
        </Typography>
      )}
      {review.outputs.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2">Changes to outputs</Typography>
          {review.outputs.map(output => {
            const look = ACTION_LOOK[output.action];
            return (
              <Box key={output.name} mt={1} data-testid="plan-output">
                <Typography component="div">
                  <span className={`${plan.mono} ${plan[look.tone]}`}>
                    {look.symbol}{' '}
                  </span>
                  <code>{output.name}</code>
                </Typography>
                <AttributeDiff diff={output.diff} />
              </Box>
            );
          })}
        </Box>
      )}
    </div>
  );
};
