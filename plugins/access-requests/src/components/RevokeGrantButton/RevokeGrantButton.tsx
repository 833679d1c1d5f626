import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  AccessRequest,
  accessGrantRevokePermission,
} from '@internal/plugin-access-requests-common';
import { errorMessageOf } from '@internal/plugin-api-react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { accessRequestsApiRef } from '../../api/AccessRequestsApi';
import { AccessTargetName } from '../AccessTargetName';

const REASON_MAX = 1000;

/**
 * Ends an active grant now, after asking why in a dialog. Shown only when the policy allows
 * revoking this grant (the server checks again); hands the server's answer to `onRevoked`.
 */
export const RevokeGrantButton = ({
  request,
  title,
  onRevoked,
}: {
  request: AccessRequest;
  /** The target's title, when known. */
  title?: string;
  onRevoked: (updated: AccessRequest) => void;
}) => {
  const api = useApi(accessRequestsApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed } = usePermission({
    permission: accessGrantRevokePermission,
    resourceRef: request.id,
  });
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [state, revoke] = useAsyncFn(async () => {
    const updated = await api.revokeGrant(request.id, {
      reason: reason.trim(),
    });
    setOpen(false);
    setReason('');
    onRevoked(updated);
    alertApi.post({
      message: 'Grant revoked',
      severity: 'success',
      display: 'transient',
    });
    return updated;
  }, [api, alertApi, request.id, reason, onRevoked]);

  if (request.status !== 'active' || !allowed) return null;
  const missing = reason.trim().length === 0;

  return (
    <>
      <Button
        size="small"
        variant="outlined"
        color="secondary"
        onClick={() => setOpen(true)}
      >
        Revoke
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        fullWidth
        maxWidth="sm"
      >
        <DialogTitle>Revoke this grant</DialogTitle>
        <DialogContent>
          <DialogContentText>
            <EntityRefLink entityRef={request.requester} hideIcon /> loses{' '}
            <AccessTargetName target={request.target} title={title} /> now, on
            the next permission check, before it would have expired.
          </DialogContentText>
          <TextField
            id="access-grant-revoke-reason"
            label="Reason"
            value={reason}
            onChange={e => setReason(e.target.value)}
            onBlur={() => setTouched(true)}
            multiline
            minRows={2}
            fullWidth
            variant="outlined"
            inputProps={{ maxLength: REASON_MAX }}
            error={touched && missing}
            helperText={
              touched && missing
                ? 'Say why it ends early'
                : 'The holder and the audit trail see this'
            }
            disabled={state.loading}
          />
          {state.error && (
            <Alert severity="error" style={{ marginTop: 16 }}>
              {errorMessageOf(state.error)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Keep it</Button>
          <Button
            color="secondary"
            variant="contained"
            disabled={missing || state.loading}
            onClick={() => revoke()}
          >
            Revoke now
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
