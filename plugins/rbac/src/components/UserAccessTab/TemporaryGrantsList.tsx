import { UserTemporaryGrant } from '@internal/plugin-rbac-common';
import { Typography } from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** "until 29 Nov 2026, 17:00" in the viewer's locale and time zone. */
export function untilText(expiresAt: string | undefined): string {
  if (!expiresAt) return 'until expiry';
  return `until ${new Date(expiresAt).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  })}`;
}

/** What a grant is for, a group by its catalog name (linked) and a role by its name. */
function GrantTarget({ grant }: { grant: UserTemporaryGrant }) {
  return grant.target.kind === 'role' ? (
    <>role {grant.target.role}</>
  ) : (
    <>
      membership of <EntityRefLink entityRef={grant.target.group} hideIcon />
    </>
  );
}

/** What else the grant gives, or that it gives nothing. */
function grantEffectText(grant: UserTemporaryGrant): string {
  if (grant.target.kind === 'group') {
    return grant.roles.length ? ` (gives ${grant.roles.join(', ')})` : '';
  }
  return grant.roles.length ? '' : ' (no such role: gives nothing)';
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
          <Typography variant="body2">
            <GrantTarget grant={grant} />
            {grantEffectText(grant)}, {untilText(grant.expiresAt)}
          </Typography>
        </li>
      ))}
    </ul>
  </>
);
