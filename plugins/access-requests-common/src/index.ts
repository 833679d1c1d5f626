/**
 * Types, request schemas and permissions of the Gantry access-requests plugin, shared by its
 * frontend and backend.
 *
 * @packageDocumentation
 */

export {
  ACCESS_REQUEST_RULES,
  accessGrantRevokePermission,
  accessRequestCancelPermission,
  accessRequestCreatePermission,
  accessRequestReadPermission,
  accessRequestsPermissions,
} from './permissions';
export {
  ACCESS_REQUEST_STATUSES,
  cancelAccessRequestSchema,
  createAccessRequestSchema,
  listAccessRequestsQuerySchema,
  revokeAccessGrantSchema,
} from './schemas';
export type {
  CreateAccessRequest,
  ListAccessRequestsQuery,
  RevokeAccessGrant,
} from './schemas';
export { accessDurationSeconds } from './durations';
export {
  ACCESS_REQUEST_RESOURCE_TYPE,
  accessRequestApprovalKind,
} from './types';
export type {
  AccessRequest,
  AccessRequestPage,
  AccessRequestStatus,
  AccessTarget,
} from './types';
