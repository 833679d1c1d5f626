import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  AccessRequest,
  accessRequestCancelPermission,
} from '@internal/plugin-access-requests-common';
import { errorMessageOf } from '@internal/plugin-api-react';
import { Button } from '@material-ui/core';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { accessRequestsApiRef } from '../../api/AccessRequestsApi';

/**
 * Withdraws a pending request; shown only when the policy allows cancelling this one (the
 * server checks again). Hands the server's answer to `onCancelled`.
 */
export const CancelRequestButton = ({
  request,
  onCancelled,
}: {
  request: AccessRequest;
  onCancelled: (updated: AccessRequest) => void;
}) => {
  const api = useApi(accessRequestsApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed } = usePermission({
    permission: accessRequestCancelPermission,
    resourceRef: request.id,
  });
  const [state, cancel] = useAsyncFn(async () => {
    try {
      onCancelled(await api.cancelRequest(request.id));
      alertApi.post({
        message: 'Request cancelled',
        severity: 'success',
        display: 'transient',
      });
    } catch (error) {
      alertApi.post({ message: errorMessageOf(error), severity: 'error' });
    }
  }, [api, alertApi, request.id, onCancelled]);

  if (request.status !== 'pending' || !allowed) return null;
  return (
    <Button
      size="small"
      variant="outlined"
      disabled={state.loading}
      onClick={() => cancel()}
    >
      Cancel
    </Button>
  );
};
