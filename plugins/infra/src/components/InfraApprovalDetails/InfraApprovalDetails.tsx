import { Link, StructuredMetadataTable } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { ApprovalRequest } from '@internal/plugin-approvals-common';
import {
  InfraApprovalDetailsData,
  infraApprovalDetailsSchema,
  infraApprovalPayloadSchema,
} from '@internal/plugin-infra-common';
import { Box, Typography, makeStyles } from '@material-ui/core';
import { rootRouteRef } from '../../routes';
import { PlanSummaryView } from '../PlanSummaryView';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  justification: { whiteSpace: 'pre-wrap' },
}));

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
  // The same schemas the infra backend writes and checks these with.
  const payload = infraApprovalPayloadSchema.safeParse(request.payload);
  const details = infraApprovalDetailsSchema.safeParse(request.details);
  const infraRequestId = payload.success
    ? payload.data.infraRequestId
    : undefined;
  const { environment, owner, justification, planSummary } = details.success
    ? details.data
    : ({} as Partial<InfraApprovalDetailsData>);

  const metadata: Record<string, string> = {};
  if (environment) metadata.environment = environment;
  if (owner) metadata.owner = owner;

  return (
    <Box>
      {planSummary ? (
        <PlanSummaryView summary={planSummary} />
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
