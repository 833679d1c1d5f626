import { toCsv } from '@internal/plugin-api-node';
import { AccessMatrix, PermissionInfo } from '@internal/plugin-rbac-common';
import { RbacEngine } from '@internal/plugin-rbac-node';
import { accessCell, accessResultOf, rbacUserOf } from './accessCell';
import { mapInSlices, slicesOf } from './inSlices';
import { permissionOf } from './PermissionCatalog';

/** Which users the matrix shows. */
export type MatrixFilter = {
  /** A part of the user's ref, any case. */
  q?: string;
  /** Only holders of this role. */
  role?: string;
};

/** The catalog users the filter keeps, sorted by ref. */
export async function matrixUsers(
  engine: RbacEngine,
  filter: MatrixFilter,
): Promise<string[]> {
  const q = filter.q?.toLocaleLowerCase('en-US');
  const matching = engine.groups
    .userRefs()
    .filter(userRef => !q || userRef.toLocaleLowerCase('en-US').includes(q));
  if (!filter.role) return matching;
  const holds = await mapInSlices(matching, userRef =>
    engine
      .resolve(rbacUserOf(userRef))
      .roles.some(role => role.name === filter.role),
  );
  return matching.filter((_, index) => holds[index]);
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

/**
 * The whole matrix as CSV, `user,roles,<permission…>`, one row per user: a chunk of text per
 * slice of users, so the answer streams and the backend stays responsive meanwhile.
 */
export async function* accessMatrixCsv(
  engine: RbacEngine,
  permissions: PermissionInfo[],
  users: string[],
): AsyncGenerator<string> {
  const asked = permissions.map(permissionOf);
  yield toCsv([['user', 'roles', ...permissions.map(p => p.name)]]);
  for await (const slice of slicesOf(users)) {
    yield toCsv(
      slice.map(userRef => {
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
    );
  }
}
