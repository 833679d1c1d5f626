import { useState } from 'react';
import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { errorMessageOf } from '@internal/plugin-api-react';
import { InfraResource } from '@internal/plugin-infra-common';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { infraApiRef } from '../../api/InfraApi';
import { approvalRequestPath } from '../../links';
import { rootRouteRef } from '../../routes';

/** The bounds the backend puts on a justification. */
export const JUSTIFICATION_MIN = 10;
const JUSTIFICATION_MAX = 2000;

/**
 * Asks for a justification and for the resource's name typed out (as Terraform Cloud does),
 * then requests the destroy of the resource, which needs approval.
 */
export const DestroyDialog = ({
  resource,
  open,
  onClose,
}: {
  resource: InfraResource;
  open: boolean;
  onClose: () => void;
}) => {
  const api = useApi(infraApiRef);
  const root = useRouteRef(rootRouteRef)();
  const [justification, setJustification] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [state, submit] = useAsyncFn(
    () =>
      api.destroyResource(resource.id, {
        justification: justification.trim(),
      }),
    [api, resource.id, justification],
  );
  const length = justification.trim().length;
  const confirmed = confirmation === resource.name;
  const valid =
    confirmed && length >= JUSTIFICATION_MIN && length <= JUSTIFICATION_MAX;
  const created = state.value;

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Request destroy of {resource.name}</DialogTitle>
      {created ? (
        <DialogContent>
          <Alert severity="success">
            Destroy requested. Nothing is destroyed until the request is
            approved.
          </Alert>
          <Typography style={{ marginTop: 16 }}>
            <Link to={`${root}/requests/${created.id}`}>
              Open the destroy request
            </Link>
          </Typography>
          {created.approvalId && (
            <Typography>
              <Link to={approvalRequestPath(created.approvalId)}>
                Open its approval request
              </Link>
            </Typography>
          )}
        </DialogContent>
      ) : (
        <DialogContent>
          <DialogContentText>
            Destroying {resource.kind} <strong>{resource.name}</strong> (
            {resource.environment}) deletes it and its data. The destroy is
            planned first and runs only after approval.
          </DialogContentText>
          <TextField
            id="infra-destroy-justification"
            label="Justification"
            value={justification}
            onChange={e => setJustification(e.target.value)}
            multiline
            minRows={3}
            fullWidth
            variant="outlined"
            inputProps={{ maxLength: JUSTIFICATION_MAX }}
            helperText={`Why it can go, at least ${JUSTIFICATION_MIN} characters`}
            disabled={state.loading}
          />
          <TextField
            id="infra-destroy-confirm-name"
            label="Resource name"
            value={confirmation}
            onChange={e => setConfirmation(e.target.value)}
            fullWidth
            margin="normal"
            variant="outlined"
            autoComplete="off"
            inputProps={{ spellCheck: false }}
            error={confirmation.length > 0 && !confirmed}
            helperText={
              <>
                Type <strong>{resource.name}</strong> to confirm
              </>
            }
            disabled={state.loading}
          />
          {state.error && (
            <Alert severity="error" style={{ marginTop: 16 }}>
              {errorMessageOf(state.error)}
            </Alert>
          )}
        </DialogContent>
      )}
      <DialogActions>
        <Button onClick={onClose}>{created ? 'Close' : 'Cancel'}</Button>
        {!created && (
          <Button
            data-testid="request-destroy"
            color="secondary"
            variant="contained"
            disabled={!valid || state.loading}
            onClick={() => submit()}
          >
            Request destroy
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
};
