import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { BackendErrorPanel, useSignalReload } from '@internal/plugin-api-react';
import {
  INFRA_SIGNAL_CHANNEL,
  InfraRequestStatus,
} from '@internal/plugin-infra-common';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraApiRef } from '../../api/InfraApi';
import { rootRouteRef } from '../../routes';
import { RequestStatusChip } from '../RequestStatusChip';

/** The statuses of a request that has not reached its end yet. */
export const OPEN_REQUEST_STATUSES: InfraRequestStatus[] = [
  'planning',
  'planned',
  'awaiting_approval',
  'approved',
  'applying',
];

/** Home page card: my provisioning requests still under way, with their status. */
export const MyOpenRequestsCard = ({ limit = 5 }: { limit?: number }) => {
  const api = useApi(infraApiRef);
  const root = useRouteRef(rootRouteRef)();
  const state = useAsyncRetry(
    () =>
      api.listRequests({ mine: true, status: OPEN_REQUEST_STATUSES, limit }),
    [api, limit],
  );
  useSignalReload(INFRA_SIGNAL_CHANNEL, state.retry);

  let content;
  if (state.loading && !state.value) {
    content = <Progress />;
  } else if (state.error) {
    content = <BackendErrorPanel error={state.error} />;
  } else if (!state.value?.items.length) {
    content = <Typography>You have no open requests</Typography>;
  } else {
    content = (
      <List dense disablePadding>
        {state.value.items.map(request => (
          <ListItem key={request.id} disableGutters>
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
          </ListItem>
        ))}
      </List>
    );
  }

  return (
    <InfoCard
      title="My open requests"
      deepLink={{ title: 'All my requests', link: root }}
    >
      {content}
    </InfoCard>
  );
};
