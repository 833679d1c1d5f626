import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { rbacApiRef } from '../../api/RbacApi';

/** The roles that grant a permission, by its name, from `GET /required-roles`. */
export function useRequiredRoles(permission: string) {
  const api = useApi(rbacApiRef);
  return useAsync(() => api.getRequiredRoles(permission), [api, permission]);
}
