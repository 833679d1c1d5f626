/**
 * Types, request schemas and permissions of the Gantry access-requests plugin, shared by its
 * frontend and backend.
 *
 * @packageDocumentation
 */

export {
  accessRequestsItemCreatePermission,
  accessRequestsItemPublishPermission,
  accessRequestsItemReadPermission,
  accessRequestsPermissions,
} from './permissions';
export {
  createAccessRequestsItemSchema,
  listAccessRequestsItemsQuerySchema,
} from './schemas';
export type {
  CreateAccessRequestsItem,
  ListAccessRequestsItemsQuery,
} from './schemas';
export { accessRequestsItemApprovalKind } from './types';
export type {
  AccessRequestsItem,
  AccessRequestsItemPage,
  AccessRequestsItemStatus,
} from './types';
