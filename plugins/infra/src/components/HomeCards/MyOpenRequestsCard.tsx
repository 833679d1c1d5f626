import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { AsyncListCard, useSignalReload } from '@internal/plugin-api-react';
import {
  INFRA_SIGNAL_CHANNEL,
  OPEN_INFRA_REQUEST_STATUSES,
} from '@internal/plugin-infra-common';
import { ListItemText } from '@material-ui/core';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraApiRef } from '../../api/InfraApi';
import { rootRouteRef } from '../../routes';
import { RequestStatusChip } from '../RequestStatusChip';

/** Home page card: my provisioning requests still under way, with their status. */
export const MyOpenRequestsCard = ({ limit = 5 }: { limit?: number }) => {
  const api = useApi(infraApiRef);
  const root = useRouteRef(rootRouteRef)();
  const state = useAsyncRetry(
    () =>
      api.listRequests({
        mine: true,
        status: [...OPEN_INFRA_REQUEST_STATUSES],
        limit,
      }),
    [api, limit],
  );
  useSignalReload(INFRA_SIGNAL_CHANNEL, state.retry);

  return (
    <AsyncListCard
      title="My open requests"
      deepLink={{ title: 'All my requests', link: root }}
      state={state}
      emptyText="You have no open requests"
      itemKey={request => request.id}
      renderItem={request => (
        <>
          <ListItemText
            primary={
              <Link to={`${root}/requests/${request.id}`}>
                {request.resourceName}
              </Link>
            }
            secondary={`${request.operation} ${request.kind} in ${request.environment}`}
          />
          <RequestStatusChip
            status={request.status}
            operation={request.operation}
          />
        </>
      )}
    />
  );
};
