import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { errorMessageOf } from '@internal/plugin-api-react';
import {
  ApprovalRequest,
  approvalsRequestCancelPermission,
  approvalsRequestDecidePermission,
} from '@internal/plugin-approvals-common';
import { Box, Button, TextField } from '@material-ui/core';
import { approvalsApiRef } from '../../api/ApprovalsApi';

/**
 * Approve, reject or cancel. Shown only for what the server says the viewer may do on this
 * request (`viewer`: open, in the approver set, not voted yet…) and the permission policy
 * allows on it (checked with the request id as resourceRef, as the backend does); the
 * server checks again on every action. The server answers each action with the updated
 * request, which the page shows at once.
 */
export const DecisionForm = ({
  request,
  onChanged,
}: {
  request: ApprovalRequest;
  /** Gets the request as the server answered the action, with the new `viewer`. */
  onChanged: (updated: ApprovalRequest) => void;
}) => {
  const api = useApi(approvalsApiRef);
  const alertApi = useApi(alertApiRef);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const decidePermission = usePermission({
    permission: approvalsRequestDecidePermission,
    resourceRef: request.id,
  });
  const cancelPermission = usePermission({
    permission: approvalsRequestCancelPermission,
    resourceRef: request.id,
  });
  const canDecide = Boolean(
    request.viewer?.canDecide && decidePermission.allowed,
  );
  const canCancel = Boolean(
    request.viewer?.canCancel && cancelPermission.allowed,
  );
  if (!canDecide && !canCancel) return null;

  const act = async (action: () => Promise<ApprovalRequest>, done: string) => {
    setBusy(true);
    try {
      const updated = await action();
      alertApi.post({
        message: done,
        severity: 'success',
        display: 'transient',
      });
      setComment('');
      onChanged(updated);
    } catch (error) {
      alertApi.post({
        message: errorMessageOf(error),
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  const trimmed = comment.trim();

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
      <TextField
        id="approval-comment"
        label="Comment"
        multiline
        minRows={2}
        variant="outlined"
        value={comment}
        onChange={e => setComment(e.target.value)}
        helperText={canDecide ? 'A rejection needs a comment' : undefined}
      />
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        {canDecide && (
          <>
            <Button
              variant="contained"
              color="primary"
              disabled={busy}
              onClick={() =>
                act(
                  () =>
                    api.decide(request.id, {
                      decision: 'approve',
                      comment: trimmed || undefined,
                    }),
                  'Approved',
                )
              }
            >
              Approve
            </Button>
            <Button
              variant="contained"
              color="secondary"
              disabled={busy || !trimmed}
              onClick={() =>
                act(
                  () =>
                    api.decide(request.id, {
                      decision: 'reject',
                      comment: trimmed,
                    }),
                  'Rejected',
                )
              }
            >
              Reject
            </Button>
          </>
        )}
        {canCancel && (
          <Button
            variant="outlined"
            disabled={busy}
            onClick={() =>
              act(
                () => api.cancel(request.id, { comment: trimmed || undefined }),
                'Cancelled',
              )
            }
          >
            Cancel request
          </Button>
        )}
      </Box>
    </Box>
  );
};
