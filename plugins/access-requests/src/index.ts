/**
 * Gantry access requests: ask for temporary membership of a role or group, see one's grants,
 * and (admins) everyone's, with revoke.
 *
 * @packageDocumentation
 */

export { accessRequestsPlugin, AccessRequestsPage } from './plugin';
export { AccessRequestsSidebarItem } from './components/AccessRequestsSidebarItem';
export { accessRequestsApiRef } from './api/AccessRequestsApi';
export type {
  AccessRequestsApi,
  ListAccessRequestsOptions,
} from './api/AccessRequestsApi';
export { AccessRequestsClient } from './api/AccessRequestsClient';
export { accessRequestCreatePermission } from '@internal/plugin-access-requests-common';
