import {
  EmptyState,
  Link,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { BackendErrorPanel, useSignalReload } from '@internal/plugin-api-react';
import {
  INFRA_SIGNAL_CHANNEL,
  InfraRequest,
} from '@internal/plugin-infra-common';
import { Button } from '@material-ui/core';
import { infraApiRef } from '../../api/InfraApi';
import { rootRouteRef } from '../../routes';
import { RequestStatusChip } from '../RequestStatusChip';
import { usePagedList } from './usePagedList';

const columnsFor = (root: string): TableColumn<InfraRequest>[] => [
  {
    title: 'Name',
    field: 'resourceName',
    highlight: true,
    render: row => (
      <Link to={`${root}/requests/${row.id}`}>{row.resourceName}</Link>
    ),
  },
  { title: 'Kind', field: 'kind' },
  { title: 'Operation', field: 'operation' },
  { title: 'Environment', field: 'environment' },
  {
    title: 'Status',
    field: 'status',
    render: row => (
      <RequestStatusChip status={row.status} operation={row.operation} />
    ),
  },
  {
    title: 'Created',
    field: 'createdAt',
    type: 'datetime',
    defaultSort: 'desc',
  },
];

/** The provisioning requests the signed-in user asked for. */
export const MyRequestsTable = () => {
  const api = useApi(infraApiRef);
  const root = useRouteRef(rootRouteRef)();
  const state = usePagedList(
    page => api.listRequests({ mine: true, ...page }),
    [api],
  );
  useSignalReload(INFRA_SIGNAL_CHANNEL, state.retry);

  if (state.loading && !state.value) return <Progress />;
  if (state.error) return <BackendErrorPanel error={state.error} />;
  const { items = [], more = false } = state.value ?? {};
  if (items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="You have not requested any infrastructure yet"
        description="Requests you make from the software templates show up here."
      />
    );
  }
  return (
    <>
      <Table<InfraRequest>
        title="My requests"
        options={{ paging: true, pageSize: 10, search: true }}
        columns={columnsFor(root)}
        data={items}
      />
      {more && (
        <Button onClick={state.loadMore} variant="outlined">
          Load more
        </Button>
      )}
    </>
  );
};
