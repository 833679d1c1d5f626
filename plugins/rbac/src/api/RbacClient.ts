import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { PluginBackendClient } from '@internal/plugin-api-react';
import {
  AccessMatrix,
  PermissionInfo,
  RequiredRoles,
  RoleView,
  UserAccess,
  WhoCan,
} from '@internal/plugin-rbac-common';
import {
  AccessMatrixFilters,
  AccessMatrixQuery,
  RbacApi,
  WhoCanQuery,
} from './RbacApi';

function matrixSearch(filters: AccessMatrixFilters): URLSearchParams {
  const query = new URLSearchParams();
  for (const permission of filters.permissions ?? []) {
    query.append('permission', permission);
  }
  if (filters.q) query.set('q', filters.q);
  if (filters.role) query.set('role', filters.role);
  return query;
}

/** {@link RbacApi} over the rbac backend's REST API. */
export class RbacClient implements RbacApi {
  private readonly backend: PluginBackendClient;

  constructor(deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new PluginBackendClient({ pluginId: 'rbac', ...deps });
  }

  async getRoles(): Promise<RoleView[]> {
    const { roles } = await this.backend.get<{ roles: RoleView[] }>('/roles');
    return roles;
  }

  async getPermissions(): Promise<PermissionInfo[]> {
    const { permissions } = await this.backend.get<{
      permissions: PermissionInfo[];
    }>('/permissions');
    return permissions;
  }

  async getUserAccess(userRef: string): Promise<UserAccess> {
    const query = new URLSearchParams({ userRef });
    return this.backend.get(`/access/user?${query}`);
  }

  async getWhoCan(options: WhoCanQuery): Promise<WhoCan> {
    const query = new URLSearchParams({ permission: options.permission });
    if (options.resourceRef) query.set('resourceRef', options.resourceRef);
    if (options.all) query.set('all', 'true');
    return this.backend.get(`/access/who?${query}`);
  }

  async getMatrix(options: AccessMatrixQuery): Promise<AccessMatrix> {
    const query = matrixSearch(options);
    if (options.offset !== undefined) {
      query.set('offset', String(options.offset));
    }
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    return this.backend.get(`/matrix?${query}`);
  }

  async exportMatrixCsv(filters: AccessMatrixFilters): Promise<Blob> {
    const query = matrixSearch(filters);
    query.set('format', 'csv');
    return this.backend.getBlob(`/matrix?${query}`);
  }

  async getRequiredRoles(permission: string): Promise<RequiredRoles> {
    const query = new URLSearchParams({ permission });
    return this.backend.get(`/required-roles?${query}`);
  }
}
