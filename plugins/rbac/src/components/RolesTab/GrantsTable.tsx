import { GrantConfig } from '@internal/plugin-rbac-common';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { formatCondition } from '../../formatCondition';

/** What a role grants: permissions, actions, decision and condition, one grant a row. */
export const GrantsTable = ({ grants }: { grants: GrantConfig[] }) => {
  if (grants.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        This role grants nothing.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Grants">
      <TableHead>
        <TableRow>
          <TableCell>Permissions</TableCell>
          <TableCell>Actions</TableCell>
          <TableCell>Decision</TableCell>
          <TableCell>Condition</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {grants.map((grant, index) => (
          <TableRow key={index}>
            <TableCell>
              <code>{grant.permissions.join(', ')}</code>
            </TableCell>
            <TableCell>{grant.actions?.join(', ') ?? 'all'}</TableCell>
            <TableCell>{grant.decision}</TableCell>
            <TableCell>
              {grant.condition ? (
                <code>{formatCondition(grant.condition)}</code>
              ) : (
                '—'
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
