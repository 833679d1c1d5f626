import { Table, TableColumn } from '@backstage/core-components';
import { UserAccess } from '@internal/plugin-rbac-common';
import { Box, Chip, makeStyles, Typography } from '@material-ui/core';
import { AccessChip, accessLabel } from '../AccessChip';

type Row = UserAccess['permissions'][number];

const useStyles = makeStyles(theme => ({
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
}));

const columns: TableColumn<Row>[] = [
  {
    title: 'Permission',
    field: 'permission.name',
    highlight: true,
    defaultSort: 'asc',
  },
  { title: 'Plugin', field: 'permission.pluginId' },
  {
    title: 'Type',
    field: 'permission.type',
    render: row => row.permission.resourceType ?? row.permission.type,
  },
  {
    title: 'Decision',
    field: 'result',
    customFilterAndSearch: (text: string, row) =>
      accessLabel(row).toLocaleLowerCase().includes(text.toLocaleLowerCase()),
    render: row => <AccessChip cell={row} />,
  },
  {
    title: 'Granted by',
    field: 'grantedBy',
    sorting: false,
    render: row => row.grantedBy.join(', ') || '—',
  },
];

/** Every permission with one user's decision and the roles that gave it. */
export const UserAccessTable = ({ access }: { access: UserAccess }) => {
  const classes = useStyles();
  return (
    <>
      <Box mb={2}>
        <Typography variant="subtitle2">Roles</Typography>
        <div className={classes.chips}>
          {access.roles.length
            ? access.roles.map(role => (
                <Chip key={role} size="small" label={role} />
              ))
            : 'No role: every permission is denied.'}
        </div>
        <Typography variant="subtitle2">Groups</Typography>
        <Typography variant="body2">
          {access.memberOf.join(', ') || 'In no group.'}
        </Typography>
      </Box>
      <Table<Row>
        title={`What ${access.userRef} can do`}
        options={{ paging: true, pageSize: 20, search: true, padding: 'dense' }}
        columns={columns}
        data={access.permissions}
      />
    </>
  );
};
