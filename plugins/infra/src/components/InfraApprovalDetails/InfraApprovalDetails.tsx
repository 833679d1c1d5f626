import { Link, StructuredMetadataTable } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ApprovalRequest } from '@internal/plugin-approvals-common';
import { Box, Typography, makeStyles } from '@material-ui/core';
import { rootRouteRef } from '../../routes';
import { PlanDiff, PlanFingerprint } from '../PlanReview';
import { infraApprovalData } from './infraApprovalData';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  justification: { whiteSpace: 'pre-wrap' },
}));

/**
 * The details of an `infrastructure` approval request in the approvals inbox: the plan's
 * attribute diff, environment, owner and justification, the plan fingerprint, and a link to
 * the provisioning request. The counts are {@link InfraApprovalSummary}, above the buttons.
 */
export const InfraApprovalDetails = ({
  request,
}: {
  request: ApprovalRequest;
}) => {
  const classes = useStyles();
  const root = useRouteRef(rootRouteRef)();
  const { payload, details } = infraApprovalData(request);

  // The owner by its catalog name ("Team Payments"), linked to its page.
  const metadata: Record<string, string | JSX.Element> = {};
  if (details) {
    metadata.environment = details.environment;
    metadata.owner = <EntityRefLink entityRef={details.owner} />;
  }

  return (
    <Box>
      {details ? (
        <PlanDiff review={details.planSummary} />
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
      {details?.justification && (
        <Box className={classes.section}>
          <Typography variant="subtitle2">Justification</Typography>
          <Typography className={classes.justification}>
            {details.justification}
          </Typography>
        </Box>
      )}
      {payload && <PlanFingerprint planHash={payload.planHash} />}
      {payload && (
        <Typography className={classes.section}>
          <Link
            to={`${root}/requests/${encodeURIComponent(
              payload.infraRequestId,
            )}`}
          >
            Open the provisioning request
          </Link>
        </Typography>
      )}
    </Box>
  );
};
