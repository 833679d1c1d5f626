import { AccessMatrix, PermissionInfo } from '@internal/plugin-rbac-common';
import { RbacEngine } from '@internal/plugin-rbac-node';
import { accessCell, accessResultOf, rbacUserOf } from './accessCell';
import { toCsv } from './csv';
import { permissionOf } from './PermissionCatalog';

/** Which users the matrix shows. */
export type MatrixFilter = {
  /** A part of the user's ref, any case. */
  q?: string;
  /** Only holders of this role. */
  role?: string;
};

/** The catalog users the filter keeps, sorted by ref. */
export function matrixUsers(
  engine: RbacEngine,
  filter: MatrixFilter,
): string[] {
  const q = filter.q?.toLocaleLowerCase('en-US');
  return engine.groups
    .userRefs()
    .filter(userRef => !q || userRef.toLocaleLowerCase('en-US').includes(q))
    .filter(
      userRef =>
        !filter.role ||
        engine
          .resolve(rbacUserOf(userRef))
          .roles.some(role => role.name === filter.role),
    );
}

/** One page of the matrix: only the users on the page are decided. */
export function accessMatrix(
  engine: RbacEngine,
  permissions: PermissionInfo[],
  users: string[],
  page: { offset: number; limit: number },
): AccessMatrix {
  const end = page.offset + page.limit;
  const asked = permissions.map(p => [p.name, permissionOf(p)] as const);
  return {
    permissions,
    rows: users.slice(page.offset, end).map(userRef => ({
      userRef,
      roles: engine.resolve(rbacUserOf(userRef)).roles.map(role => role.name),
      cells: Object.fromEntries(
        asked.map(([name, p]) => [name, accessCell(engine, p, userRef)]),
      ),
    })),
    totalUsers: users.length,
    ...(end < users.length ? { nextOffset: end } : {}),
  };
}

/** The whole matrix as CSV: `user,roles,<permission…>`, one row per user. */
export function accessMatrixCsv(
  engine: RbacEngine,
  permissions: PermissionInfo[],
  users: string[],
): string {
  const asked = permissions.map(permissionOf);
  return toCsv([
    ['user', 'roles', ...permissions.map(p => p.name)],
    ...users.map(userRef => {
      const user = rbacUserOf(userRef);
      return [
        userRef,
        engine
          .resolve(user)
          .roles.map(role => role.name)
          .join(', '),
        ...asked.map(p => accessResultOf(engine.decide(p, user).result)),
      ];
    }),
  ]);
}
