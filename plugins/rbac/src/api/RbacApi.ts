import { createApiRef } from '@backstage/core-plugin-api';
import {
  AccessMatrix,
  PermissionInfo,
  RequiredRoles,
  RoleView,
  UserAccess,
  WhoCan,
} from '@internal/plugin-rbac-common';

/** What the matrix shows: which users and permissions. */
export type AccessMatrixFilters = {
  /** Only these permissions, by name; all when absent or empty. */
  permissions?: string[];
  /** Only users whose ref contains this text. */
  q?: string;
  /** Only holders of this role. */
  role?: string;
};

/** One page of the matrix. */
export type AccessMatrixQuery = AccessMatrixFilters & {
  offset?: number;
  limit?: number;
};

/** The question "who can do this permission, on this resource?". */
export type WhoCanQuery = {
  permission: string;
  /** For a resource permission: an entity ref or request id. */
  resourceRef?: string;
  /** Also list the users who are denied. */
  all?: boolean;
};

/** The rbac backend, as the access page sees it. */
export interface RbacApi {
  /** The roles, with their members resolved from the catalog. */
  getRoles(): Promise<RoleView[]>;
  /** Every permission the installed plugins declare. */
  getPermissions(): Promise<PermissionInfo[]>;
  /** Everything one user may do, and the roles that give it. */
  getUserAccess(userRef: string): Promise<UserAccess>;
  getWhoCan(query: WhoCanQuery): Promise<WhoCan>;
  getMatrix(query: AccessMatrixQuery): Promise<AccessMatrix>;
  /** The whole matrix for these filters, as a CSV file. */
  exportMatrixCsv(filters: AccessMatrixFilters): Promise<Blob>;
  /** The roles that grant a permission; any signed-in user may ask. */
  getRequiredRoles(permission: string): Promise<RequiredRoles>;
}

/** Ref of the {@link RbacApi}. */
export const rbacApiRef = createApiRef<RbacApi>({
  id: 'plugin.rbac.service',
});
