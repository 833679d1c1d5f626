import {
  EmptyState,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { BackendErrorPanel } from '@internal/plugin-api-react';
import { WhoCan } from '@internal/plugin-rbac-common';
import useAsync from 'react-use/esm/useAsync';
import { rbacApiRef, WhoCanQuery } from '../../api/RbacApi';
import { AccessChip } from '../AccessChip';
import { UserLink } from '../UserLink';

type Row = WhoCan['users'][number];

const columns: TableColumn<Row>[] = [
  {
    title: 'User',
    field: 'userRef',
    highlight: true,
    defaultSort: 'asc',
    render: row => <UserLink userRef={row.userRef} />,
  },
  {
    title: 'Decision',
    field: 'result',
    render: row => <AccessChip cell={row} />,
  },
  {
    title: 'Roles',
    field: 'grantedBy',
    sorting: false,
    render: row => row.grantedBy.join(', ') || '—',
  },
];

/** The users who may do a permission (on a resource, if given). */
export const WhoCanResult = ({ query }: { query: WhoCanQuery }) => {
  const api = useApi(rbacApiRef);
  const { permission, resourceRef, all } = query;
  const { value, loading, error } = useAsync(
    () => api.getWhoCan({ permission, resourceRef, all }),
    [api, permission, resourceRef, all],
  );
  if (loading) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  const target = resourceRef ? `${permission} on ${resourceRef}` : permission;
  if (!value?.users.length) {
    return (
      <EmptyState
        missing="data"
        title={all ? 'No users' : `Nobody may do ${target}`}
        description={
          all
            ? 'The catalog has no users.'
            : 'No role grants this permission to anyone.'
        }
      />
    );
  }
  return (
    <Table<Row>
      title={`Who can do ${target}`}
      options={{ paging: true, pageSize: 20, search: true, padding: 'dense' }}
      columns={columns}
      data={value.users}
    />
  );
};
