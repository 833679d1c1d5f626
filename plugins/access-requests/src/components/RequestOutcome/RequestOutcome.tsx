import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { AccessRequest } from '@internal/plugin-access-requests-common';
import { Typography } from '@material-ui/core';
import { approvalsRouteRef } from '../../routes';
import { formatMoment } from '../GrantExpiry';

/** The approvals page of a request's approval, when the approvals plugin is bound. */
export function useApprovalLink(request: AccessRequest): string | undefined {
  const approvalsRoot = useRouteRef(approvalsRouteRef)?.();
  if (!approvalsRoot || !request.approvalId) return undefined;
  return `${approvalsRoot}/requests/${encodeURIComponent(request.approvalId)}`;
}

const Person = ({ entityRef }: { entityRef: string }) =>
  /^(user|group):/i.test(entityRef) ? (
    <EntityRefLink entityRef={entityRef} hideIcon />
  ) : (
    <>{entityRef}</>
  );

const Comment = ({ text }: { text?: string }) =>
  text ? (
    <Typography variant="body2" color="textSecondary">
      “{text}”
    </Typography>
  ) : null;

/**
 * Who decided a request and what they said: approved or rejected by whom (with their
 * comment), revoked by whom and why, or, while it waits, a link to its approval.
 */
export const RequestOutcome = ({ request }: { request: AccessRequest }) => {
  const approvalLink = useApprovalLink(request);
  const approvalLinkText = approvalLink ? (
    <Link to={approvalLink}>Open its approval</Link>
  ) : null;

  if (request.status === 'pending') {
    return (
      <Typography variant="body2" component="div">
        Waiting for the approvers. {approvalLinkText}
      </Typography>
    );
  }
  if (request.status === 'cancelled') {
    return <Typography variant="body2">Cancelled before a decision</Typography>;
  }
  if (request.status === 'revoked') {
    return (
      <div data-testid="request-outcome">
        <Typography variant="body2">
          Revoked
          {request.revokedBy && (
            <>
              {' by '}
              <Person entityRef={request.revokedBy} />
            </>
          )}
          {request.revokedAt && ` at ${formatMoment(request.revokedAt)}`}
        </Typography>
        <Comment text={request.revokeReason} />
      </div>
    );
  }
  if (!request.decidedBy) {
    return (
      <Typography variant="body2">
        {request.status === 'expired'
          ? 'No decision before the approval expired'
          : '—'}
      </Typography>
    );
  }
  return (
    <div data-testid="request-outcome">
      <Typography variant="body2">
        {request.status === 'rejected' ? 'Rejected by ' : 'Approved by '}
        <Person entityRef={request.decidedBy} />
        {request.decidedAt && ` at ${formatMoment(request.decidedAt)}`}
      </Typography>
      <Comment text={request.decisionComment} />
    </div>
  );
};
