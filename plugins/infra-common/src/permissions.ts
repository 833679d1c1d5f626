import { createPermission } from '@backstage/plugin-permission-common';

/** The resource type of provisioning requests in the permission framework. */
export const INFRA_REQUEST_RESOURCE_TYPE = 'infra-request';

/** Plan a new resource (and open its approval). */
export const infraRequestCreatePermission = createPermission({
  name: 'infra.request.create',
  attributes: { action: 'create' },
});

/** Read a request, its plan summary, logs and outputs. */
export const infraRequestReadPermission = createPermission({
  name: 'infra.request.read',
  attributes: { action: 'read' },
  resourceType: INFRA_REQUEST_RESOURCE_TYPE,
});

/**
 * Run the apply of an approved request. Checked again, as the requester, when the apply
 * starts: a role revoked while the request waited stops it.
 */
export const infraRequestApplyPermission = createPermission({
  name: 'infra.request.apply',
  attributes: { action: 'update' },
  resourceType: INFRA_REQUEST_RESOURCE_TYPE,
});

/**
 * Ask to destroy a provisioned resource; the destroy goes through approval too. A resource
 * permission on the resource's last request (`resourceRef`: the resource's `lastRequestId`),
 * whose `ownerRef` is the resource's owner, so the infra-request rules decide it.
 */
export const infraResourceDestroyPermission = createPermission({
  name: 'infra.resource.destroy',
  attributes: { action: 'delete' },
  resourceType: INFRA_REQUEST_RESOURCE_TYPE,
});

/** Read the operations dashboard: request analytics and the backend's health (admins). */
export const infraOpsReadPermission = createPermission({
  name: 'infra.ops.read',
  attributes: { action: 'read' },
});

/** Every permission the infra plugin declares. */
export const infraPermissions = [
  infraRequestCreatePermission,
  infraRequestReadPermission,
  infraRequestApplyPermission,
  infraResourceDestroyPermission,
  infraOpsReadPermission,
];

/** Names of the conditional rules on infra requests. */
export const INFRA_REQUEST_RULES = {
  IS_REQUESTER: 'IS_REQUESTER',
  IS_OWNER: 'IS_OWNER',
  IS_APPROVER: 'IS_APPROVER',
} as const;
