import { useState } from 'react';
import {
  EmptyState,
  Link,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { BackendErrorPanel, useSignalReload } from '@internal/plugin-api-react';
import { ApprovalRequest } from '@internal/plugin-approvals-common';
import { Button, Theme, Typography, useMediaQuery } from '@material-ui/core';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  approvalsApiRef,
  ListApprovalRequestsOptions,
} from '../../api/ApprovalsApi';
import { EntityName } from '../EntityName';
import { StatusChip } from '../StatusChip';
import { rootRouteRef } from '../../routes';
import { APPROVALS_SIGNAL_CHANNEL } from '@internal/plugin-approvals-common';

// On a phone only what tells requests apart: the title with who asks below it, and the status.
const columnsFor = (
  root: string,
  narrow: boolean,
): TableColumn<ApprovalRequest>[] => [
  {
    title: 'Title',
    field: 'title',
    highlight: true,
    render: row => (
      <>
        <Link to={`${root}/requests/${row.id}`}>{row.title}</Link>
        {narrow && (
          <Typography variant="body2" color="textSecondary">
            <EntityName entityRef={row.requesterRef} />
          </Typography>
        )}
      </>
    ),
  },
  { title: 'Kind', field: 'kind', hidden: narrow },
  {
    title: 'Status',
    field: 'status',
    render: row => <StatusChip status={row.status} />,
  },
  {
    title: 'Requester',
    field: 'requesterRef',
    hidden: narrow,
    render: row => <EntityName entityRef={row.requesterRef} />,
  },
  {
    title: 'On behalf of',
    field: 'onBehalfOfRef',
    hidden: narrow,
    render: row =>
      row.onBehalfOfRef ? <EntityName entityRef={row.onBehalfOfRef} /> : '—',
  },
  {
    title: 'Created',
    field: 'createdAt',
    type: 'datetime',
    defaultSort: 'desc',
    hidden: narrow,
  },
  { title: 'Expires', field: 'expiresAt', type: 'datetime', hidden: narrow },
];

/** A sortable, filterable table of approval requests, paged with the API's cursor. */
export const RequestTable = ({
  title,
  query,
  emptyTitle,
}: {
  title: string;
  query: ListApprovalRequestsOptions;
  emptyTitle: string;
}) => {
  const api = useApi(approvalsApiRef);
  const root = useRouteRef(rootRouteRef)();
  const narrow = useMediaQuery<Theme>(theme => theme.breakpoints.down('xs'));
  const [pages, setPages] = useState(1);
  const state = useAsyncRetry(async () => {
    const items: ApprovalRequest[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < pages; page++) {
      const result = await api.listRequests({ ...query, limit: 50, cursor });
      items.push(...result.items);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return { items, more: Boolean(cursor) };
  }, [api, pages, JSON.stringify(query)]);

  useSignalReload(APPROVALS_SIGNAL_CHANNEL, state.retry);

  if (state.loading && !state.value) return <Progress />;
  if (state.error) return <BackendErrorPanel error={state.error} />;
  const { items = [], more = false } = state.value ?? {};
  if (items.length === 0) {
    return <EmptyState missing="data" title={emptyTitle} />;
  }
  return (
    <>
      <Table<ApprovalRequest>
        title={title}
        options={{
          paging: true,
          pageSize: 20,
          search: true,
          filtering: !narrow,
          emptyRowsWhenPaging: false,
        }}
        columns={columnsFor(root, narrow)}
        data={items}
      />
      {more && (
        <Button onClick={() => setPages(p => p + 1)} variant="outlined">
          Load more
        </Button>
      )}
    </>
  );
};
