import { Permission } from '@backstage/plugin-permission-common';
import { RequiredRoles } from '@internal/plugin-rbac-common';
import { RbacEngine } from '@internal/plugin-rbac-node';

/** The roles that give a permission, by name and description only: never their members. */
export function requiredRoles(
  engine: RbacEngine,
  permission: Permission,
): RequiredRoles {
  return {
    permission: permission.name,
    roles: engine
      .rolesGranting(permission)
      .map(({ name, description }) => ({ name, description })),
  };
}
