import { useApi } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { accessGrantRevokePermission } from '@internal/plugin-access-requests-common';
import useAsync from 'react-use/esm/useAsync';

/**
 * Whether the policy lets the user revoke grants in general (admins), which is who sees
 * everyone's grants. `usePermission` cannot tell: for a resource permission without a
 * resource it answers DENY without asking, so the policy is asked directly. A conditional
 * answer (revoke only some) counts as no; each row's Revoke asks again for its grant, and
 * the server checks every revoke.
 */
export function useMayRevokeGrants(): boolean {
  const permissionApi = useApi(permissionApiRef);
  const { value } = useAsync(
    () => permissionApi.authorize({ permission: accessGrantRevokePermission }),
    [permissionApi],
  );
  return value?.result === AuthorizeResult.ALLOW;
}
