/**
 * The Gantry access-requests frontend plugin.
 *
 * @packageDocumentation
 */

export { accessRequestsPlugin, AccessRequestsPage } from './plugin';
export { accessRequestsApiRef } from './api/AccessRequestsApi';
export type { AccessRequestsApi } from './api/AccessRequestsApi';
export { AccessRequestsClient } from './api/AccessRequestsClient';
