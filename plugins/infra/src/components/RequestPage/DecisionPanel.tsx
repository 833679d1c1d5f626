import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  InfraRequest,
  InfraRequestStatus,
} from '@internal/plugin-infra-common';
import { Typography, makeStyles } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { approvalRequestPath } from '../../links';

const useStyles = makeStyles(theme => ({
  comment: {
    marginTop: theme.spacing(1),
    whiteSpace: 'pre-wrap',
    fontStyle: 'italic',
  },
}));

const ENDED_BY_APPROVAL: Partial<Record<InfraRequestStatus, string>> = {
  rejected: 'Rejected',
  expired: 'Expired',
  cancelled: 'Cancelled',
};

/** Whether the request ended with its approval: rejected, expired or cancelled. */
export const endedByApproval = (request: InfraRequest) =>
  Boolean(ENDED_BY_APPROVAL[request.status]);

/**
 * Why a request ended with its approval: rejected (by whom, when, with what comment),
 * expired or cancelled. Nothing was applied, and the requester reads why here.
 */
export const DecisionPanel = ({ request }: { request: InfraRequest }) => {
  const classes = useStyles();
  const title = ENDED_BY_APPROVAL[request.status];
  if (!title) return null;
  const { decision } = request;
  const severity = request.status === 'rejected' ? 'error' : 'warning';
  return (
    <Alert severity={severity} data-testid="infra-request-decision">
      <AlertTitle>
        {title}
        {decision?.actorRef && (
          <>
            {' by '}
            <EntityRefLink entityRef={decision.actorRef} hideIcon />
          </>
        )}
        {decision && ` on ${new Date(decision.decidedAt).toLocaleString()}`}
      </AlertTitle>
      {decision?.comment && (
        <Typography className={classes.comment}>
          “{decision.comment}”
        </Typography>
      )}
      <Typography variant="body2">
        Nothing was applied.
        {!decision && request.approvalId && (
          <>
            {' '}
            <Link to={approvalRequestPath(request.approvalId)}>
              The approval request
            </Link>{' '}
            says who decided and why.
          </>
        )}
      </Typography>
    </Alert>
  );
};
