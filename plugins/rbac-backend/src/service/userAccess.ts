import { PermissionInfo, UserAccess } from '@internal/plugin-rbac-common';
import { RbacEngine } from '@internal/plugin-rbac-node';
import { accessCell, rbacUserOf } from './accessCell';
import { permissionOf } from './PermissionCatalog';

/**
 * Everything one user may do: their roles (temporary ones marked), their temporary grants,
 * their groups, and each permission's decision.
 */
export function userAccess(
  engine: RbacEngine,
  permissions: PermissionInfo[],
  userRef: string,
): UserAccess {
  const resolved = engine.resolve(rbacUserOf(userRef));
  return {
    userRef,
    roles: resolved.roles.map(role => role.name),
    temporaryRoles: resolved.temporaryRoles,
    temporaryGrants: resolved.temporaryGrants
      .map(({ grant, roles }) => ({
        id: grant.id,
        target: grant.target,
        expiresAt: grant.expiresAt,
        roles,
      }))
      .sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt)),
    memberOf: resolved.memberRefs
      .filter(ref => ref.startsWith('group:'))
      .sort(),
    permissions: permissions.map(permission => ({
      permission,
      ...accessCell(engine, permissionOf(permission), userRef),
    })),
  };
}
