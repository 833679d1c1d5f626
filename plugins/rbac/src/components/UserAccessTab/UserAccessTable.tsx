import { Table, TableColumn } from '@backstage/core-components';
import {
  EntityDisplayName,
  EntityRefLinks,
} from '@backstage/plugin-catalog-react';
import { UserAccess } from '@internal/plugin-rbac-common';
import { Box, Chip, makeStyles, Typography } from '@material-ui/core';
import { useMemo } from 'react';
import { AccessChip, accessLabel } from '../AccessChip';
import { TemporaryGrantsList, untilText } from './TemporaryGrantsList';

type Row = UserAccess['permissions'][number];

const useStyles = makeStyles(theme => ({
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
}));

/** The roles behind a decision, a temporary one marked as such. */
function grantedByText(row: Row, temporaryRoles: Set<string>): string {
  return (
    row.grantedBy
      .map(role => (temporaryRoles.has(role) ? `${role} (temporary)` : role))
      .join(', ') || '—'
  );
}

function columnsFor(temporaryRoles: Set<string>): TableColumn<Row>[] {
  return [
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
      render: row => grantedByText(row, temporaryRoles),
    },
  ];
}

/**
 * Every permission with one user's decision and the roles that gave it. Roles held only
 * through a temporary grant are marked, with the grant's expiry.
 */
export const UserAccessTable = ({ access }: { access: UserAccess }) => {
  const classes = useStyles();
  const temporaryRoles = useMemo(
    () => new Set(access.temporaryRoles),
    [access.temporaryRoles],
  );
  const columns = useMemo(() => columnsFor(temporaryRoles), [temporaryRoles]);
  /** A temporary role's latest expiry among the grants that give it. */
  const roleUntil = (role: string) => {
    const expiries = access.temporaryGrants
      .filter(grant => grant.roles.includes(role))
      .map(grant => grant.expiresAt)
      .sort();
    return expiries[expiries.length - 1];
  };
  return (
    <>
      <Box mb={2}>
        <Typography variant="subtitle2">Roles</Typography>
        <div className={classes.chips}>
          {access.roles.length
            ? access.roles.map(role =>
                temporaryRoles.has(role) ? (
                  <Chip
                    key={role}
                    size="small"
                    variant="outlined"
                    color="secondary"
                    label={`${role} (temporary, ${untilText(roleUntil(role))})`}
                  />
                ) : (
                  <Chip key={role} size="small" label={role} />
                ),
              )
            : 'No role: every permission is denied.'}
        </div>
        {access.temporaryGrants.length > 0 && (
          <TemporaryGrantsList grants={access.temporaryGrants} />
        )}
        <Typography variant="subtitle2">Groups</Typography>
        <Typography variant="body2">
          {access.memberOf.length ? (
            <EntityRefLinks entityRefs={access.memberOf} hideIcons />
          ) : (
            'In no group.'
          )}
        </Typography>
      </Box>
      <Table<Row>
        title={
          <>
            What <EntityDisplayName entityRef={access.userRef} hideIcon /> can
            do
          </>
        }
        options={{ paging: true, pageSize: 20, search: true, padding: 'dense' }}
        columns={columns}
        data={access.permissions}
      />
    </>
  );
};
