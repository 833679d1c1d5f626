import {
  EmptyState,
  Link,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { BackendErrorPanel, useSignalReload } from '@internal/plugin-api-react';
import {
  INFRA_SIGNAL_CHANNEL,
  InfraResource,
} from '@internal/plugin-infra-common';
import { Button } from '@material-ui/core';
import { infraApiRef } from '../../api/InfraApi';
import { catalogResourcePath } from '../../links';
import { rootRouteRef } from '../../routes';
import { ResourceStatusChip } from '../RequestStatusChip';
import { usePagedList } from './usePagedList';

const columnsFor = (root: string): TableColumn<InfraResource>[] => [
  {
    title: 'Name',
    field: 'name',
    highlight: true,
    render: row => <Link to={catalogResourcePath(row.name)}>{row.name}</Link>,
  },
  { title: 'Kind', field: 'kind' },
  { title: 'Environment', field: 'environment' },
  {
    title: 'Owner',
    field: 'ownerRef',
    render: row => <EntityRefLink entityRef={row.ownerRef} hideIcon />,
  },
  {
    title: 'Status',
    field: 'status',
    render: row => <ResourceStatusChip status={row.status} />,
  },
  {
    title: 'Last request',
    field: 'lastRequestId',
    sorting: false,
    render: row => (
      <Link to={`${root}/requests/${row.lastRequestId}`}>View request</Link>
    ),
  },
  {
    title: 'Updated',
    field: 'updatedAt',
    type: 'datetime',
    defaultSort: 'desc',
  },
];

/** The provisioned resources owned by the signed-in user's groups. */
export const MyResourcesTable = () => {
  const api = useApi(infraApiRef);
  const root = useRouteRef(rootRouteRef)();
  const state = usePagedList(
    page => api.listResources({ mine: true, ...page }),
    [api],
  );
  // An apply or a destroy that finishes changes this list.
  useSignalReload(INFRA_SIGNAL_CHANNEL, state.retry);

  if (state.loading && !state.value) return <Progress />;
  if (state.error) return <BackendErrorPanel error={state.error} />;
  const { items = [], more = false } = state.value ?? {};
  if (items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="Your groups own no provisioned resources"
        description="Resources appear here once a request for one of your groups is applied."
      />
    );
  }
  return (
    <>
      <Table<InfraResource>
        title="Resources owned by my groups"
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
