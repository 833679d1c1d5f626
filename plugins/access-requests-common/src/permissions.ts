import { createPermission } from '@backstage/plugin-permission-common';
import { ACCESS_REQUEST_RESOURCE_TYPE } from './types';

/** Ask for temporary access to a role or group. */
export const accessRequestCreatePermission = createPermission({
  name: 'access-requests.request.create',
  attributes: { action: 'create' },
});

/**
 * Read access requests and their grants. Conditional: the roles config gives it with
 * `{ rule: IS_REQUESTER }` to read one's own, and unconditionally to admins.
 */
export const accessRequestReadPermission = createPermission({
  name: 'access-requests.request.read',
  attributes: { action: 'read' },
  resourceType: ACCESS_REQUEST_RESOURCE_TYPE,
});

/** Cancel a pending request (conditional, `IS_REQUESTER`). */
export const accessRequestCancelPermission = createPermission({
  name: 'access-requests.request.cancel',
  attributes: { action: 'update' },
  resourceType: ACCESS_REQUEST_RESOURCE_TYPE,
});

/** End an active grant before it expires (admins). */
export const accessGrantRevokePermission = createPermission({
  name: 'access-requests.grant.revoke',
  attributes: { action: 'update' },
  resourceType: ACCESS_REQUEST_RESOURCE_TYPE,
});

/** Every permission the access-requests plugin declares, for the permissions registry. */
export const accessRequestsPermissions = [
  accessRequestCreatePermission,
  accessRequestReadPermission,
  accessRequestCancelPermission,
  accessGrantRevokePermission,
];

/**
 * The conditional rules on access requests, by the names the roles config uses. The policy
 * fills `claims` with the user's ref.
 */
export const ACCESS_REQUEST_RULES = {
  IS_REQUESTER: 'IS_REQUESTER',
} as const;
