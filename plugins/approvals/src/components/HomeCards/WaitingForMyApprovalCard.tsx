import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { AsyncListCard, useSignalReload } from '@internal/plugin-api-react';
import { APPROVALS_SIGNAL_CHANNEL } from '@internal/plugin-approvals-common';
import { ListItemText } from '@material-ui/core';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { approvalsApiRef } from '../../api/ApprovalsApi';
import { rootRouteRef } from '../../routes';

const waitingLine = (count: number) =>
  count === 1
    ? '1 request waits for your decision'
    : `${count} requests wait for your decision`;

/** Home page card: how many requests wait for my decision, and the oldest few of them. */
export const WaitingForMyApprovalCard = ({ limit = 5 }: { limit?: number }) => {
  const api = useApi(approvalsApiRef);
  const root = useRouteRef(rootRouteRef)();
  const state = useAsyncRetry(async () => {
    // The count comes from the same summary as the sidebar badge, so the two always agree.
    const [summary, page] = await Promise.all([
      api.getSummary(),
      api.listRequests({
        assignedToMe: true,
        status: ['pending'],
        order: 'asc',
        limit,
      }),
    ]);
    return { count: summary.pendingAssignedToMe, items: page.items };
  }, [api, limit]);
  useSignalReload(APPROVALS_SIGNAL_CHANNEL, state.retry);

  return (
    <AsyncListCard
      title="Waiting for my approval"
      subheader={
        state.value?.count ? waitingLine(state.value.count) : undefined
      }
      deepLink={{ title: 'Open the inbox', link: root }}
      state={state}
      emptyText="Nothing waits for your approval"
      itemKey={request => request.id}
      renderItem={request => (
        <ListItemText
          primary={
            <Link to={`${root}/requests/${request.id}`}>{request.title}</Link>
          }
          secondary={request.summary ?? request.kind}
        />
      )}
    />
  );
};
