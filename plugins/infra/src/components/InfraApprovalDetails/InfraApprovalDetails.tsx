import { Link, StructuredMetadataTable } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { ApprovalRequest } from '@internal/plugin-approvals-common';
import { isPlanSummaryDocument } from '@internal/plugin-infra-common';
import { Box, Typography, makeStyles } from '@material-ui/core';
import { rootRouteRef } from '../../routes';
import { PlanSummaryView } from '../PlanSummaryView';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  justification: { whiteSpace: 'pre-wrap' },
}));

function stringField(
  record: Record<string, unknown> | undefined,
  ...keys: string[]
): string | undefined {
  for (const key of keys) {
    const value = record?.[key];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

function infraRequestIdOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const id = (payload as Record<string, unknown>).infraRequestId;
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * The details of an `infrastructure` approval request in the approvals inbox: the plan
 * summary, environment, owner and justification, and a link to the provisioning request.
 */
export const InfraApprovalDetails = ({
  request,
}: {
  request: ApprovalRequest;
}) => {
  const classes = useStyles();
  const root = useRouteRef(rootRouteRef)();
  const details = request.details;
  const plan = details?.planSummary;
  const infraRequestId = infraRequestIdOf(request.payload);
  const environment = stringField(details, 'environment');
  const owner = stringField(details, 'ownerRef', 'owner');
  const justification = stringField(details, 'justification');

  const metadata: Record<string, string> = {};
  if (environment) metadata.environment = environment;
  if (owner) metadata.owner = owner;

  return (
    <Box>
      {isPlanSummaryDocument(plan) ? (
        <PlanSummaryView summary={plan} />
      ) : (
        <Typography color="textSecondary">
          This request carries no plan summary to show.
        </Typography>
      )}
      {Object.keys(metadata).length > 0 && (
        <Box className={classes.section}>
          <StructuredMetadataTable metadata={metadata} />
        </Box>
      )}
      {justification && (
        <Box className={classes.section}>
          <Typography variant="subtitle2">Justification</Typography>
          <Typography className={classes.justification}>
            {justification}
          </Typography>
        </Box>
      )}
      {infraRequestId && (
        <Typography className={classes.section}>
          <Link to={`${root}/requests/${encodeURIComponent(infraRequestId)}`}>
            Open the provisioning request
          </Link>
        </Typography>
      )}
    </Box>
  );
};
