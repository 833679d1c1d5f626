import { UserTemporaryGrant } from '@internal/plugin-rbac-common';
import { Typography } from '@material-ui/core';

/** "until 29 Nov 2026, 17:00" in the viewer's locale and time zone. */
export function untilText(expiresAt: string | undefined): string {
  if (!expiresAt) return 'until expiry';
  return `until ${new Date(expiresAt).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  })}`;
}

function grantText(grant: UserTemporaryGrant): string {
  const what =
    grant.target.kind === 'role'
      ? `role ${grant.target.role}`
      : `membership of ${grant.target.group}`;
  const gives =
    grant.target.kind === 'group' && grant.roles.length
      ? ` (gives ${grant.roles.join(', ')})`
      : '';
  const unknown =
    grant.target.kind === 'role' && !grant.roles.length
      ? ' (no such role: gives nothing)'
      : '';
  return `${what}${gives}${unknown}, ${untilText(grant.expiresAt)}`;
}

/** A user's temporary grants in force, each with what it gives and until when. */
export const TemporaryGrantsList = ({
  grants,
}: {
  grants: UserTemporaryGrant[];
}) => (
  <>
    <Typography variant="subtitle2">Temporary grants</Typography>
    <ul aria-label="Temporary grants">
      {grants.map(grant => (
        <li key={grant.id}>
          <Typography variant="body2">{grantText(grant)}</Typography>
        </li>
      ))}
    </ul>
  </>
);
