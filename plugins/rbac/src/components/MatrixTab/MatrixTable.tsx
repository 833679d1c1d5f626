import {
  EmptyState,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { BackendErrorPanel } from '@internal/plugin-api-react';
import { AccessMatrix } from '@internal/plugin-rbac-common';
import { TablePagination } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { AccessMatrixFilters, rbacApiRef } from '../../api/RbacApi';
import { AccessChip } from '../AccessChip';
import { UserLink } from '../UserLink';

type Row = AccessMatrix['rows'][number];

const PAGE_SIZES = [25, 50, 100];

function columnsFor(matrix: AccessMatrix): TableColumn<Row>[] {
  return [
    {
      title: 'User',
      field: 'userRef',
      highlight: true,
      // Refs and role lists stay on one line; the permission columns scroll sideways.
      cellStyle: { whiteSpace: 'nowrap' },
      render: row => <UserLink userRef={row.userRef} />,
    },
    {
      title: 'Roles',
      field: 'roles',
      cellStyle: { whiteSpace: 'nowrap' },
      render: row => row.roles.join(', ') || '—',
    },
    ...matrix.permissions.map(
      (permission): TableColumn<Row> => ({
        title: permission.name,
        render: row => {
          const cell = row.cells[permission.name];
          return cell ? <AccessChip cell={cell} compact /> : '—';
        },
      }),
    ),
  ];
}

/** One page of users by permissions; the backend filters and pages. */
export const MatrixTable = ({
  filters,
  page,
  pageSize,
  onPageChange,
  onPageSizeChange,
}: {
  filters: AccessMatrixFilters;
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
}) => {
  const api = useApi(rbacApiRef);
  const { q, role, permissions } = filters;
  const { value, loading, error } = useAsync(
    () =>
      api.getMatrix({
        q,
        role,
        permissions,
        offset: page * pageSize,
        limit: pageSize,
      }),
    [api, q, role, permissions, page, pageSize],
  );
  if (loading) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  if (!value?.rows.length) {
    return (
      <EmptyState
        missing="data"
        title="No users match these filters"
        description="Change the user text, the role or the permissions."
      />
    );
  }
  return (
    <>
      <Table<Row>
        title={`Access of ${value.totalUsers} users`}
        options={{
          paging: false,
          search: false,
          sorting: false,
          padding: 'dense',
        }}
        columns={columnsFor(value)}
        data={value.rows}
      />
      <TablePagination
        component="div"
        count={value.totalUsers}
        page={page}
        rowsPerPage={pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_event, next) => onPageChange(next)}
        onRowsPerPageChange={event =>
          onPageSizeChange(Number(event.target.value))
        }
      />
    </>
  );
};
