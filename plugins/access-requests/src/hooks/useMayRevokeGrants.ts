import { usePermission } from '@backstage/plugin-permission-react';
import { accessGrantRevokePermission } from '@internal/plugin-access-requests-common';

/**
 * A request id that no request has: the nil UUID. The permission backend refuses a user's
 * question about a resource permission without a resource, so "may this user revoke grants
 * at all?" is asked about this one. A policy that allows revoking outright (admins) answers
 * ALLOW whatever the resource; a conditional grant finds no such request and answers DENY.
 */
const NO_REQUEST = '00000000-0000-0000-0000-000000000000';

/**
 * Whether the policy lets the user revoke grants outright (admins), which is who sees
 * everyone's grants. Each row's Revoke asks again for its own grant, and the server checks
 * every revoke.
 */
export function useMayRevokeGrants(): boolean {
  return usePermission({
    permission: accessGrantRevokePermission,
    resourceRef: NO_REQUEST,
  }).allowed;
}
