import { createPermission } from '@backstage/plugin-permission-common';

/** The resource type of approval requests in the permission framework. */
export const APPROVAL_REQUEST_RESOURCE_TYPE = 'approval-request';

/** Read or list a request. Conditional: requester of, approver of, or admin. */
export const approvalsRequestReadPermission = createPermission({
  name: 'approvals.request.read',
  attributes: { action: 'read' },
  resourceType: APPROVAL_REQUEST_RESOURCE_TYPE,
});

/** Approve or reject a request; the decider must also be in its approver set. */
export const approvalsRequestDecidePermission = createPermission({
  name: 'approvals.request.decide',
  attributes: { action: 'update' },
  resourceType: APPROVAL_REQUEST_RESOURCE_TYPE,
});

/** Cancel a pending request: its requester, or an admin. */
export const approvalsRequestCancelPermission = createPermission({
  name: 'approvals.request.cancel',
  attributes: { action: 'update' },
  resourceType: APPROVAL_REQUEST_RESOURCE_TYPE,
});

/** Every permission the approvals plugin declares. */
export const approvalsPermissions = [
  approvalsRequestReadPermission,
  approvalsRequestDecidePermission,
  approvalsRequestCancelPermission,
];

/** Names of the conditional rules on approval requests. */
export const APPROVAL_RULES = {
  IS_REQUESTER: 'IS_REQUESTER',
  IS_APPROVER: 'IS_APPROVER',
} as const;
