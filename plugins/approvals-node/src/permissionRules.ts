import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  APPROVAL_REQUEST_RESOURCE_TYPE,
  APPROVAL_RULES,
  ApprovalRequest,
} from '@internal/plugin-approvals-common';
import { z } from 'zod';

/**
 * A permission condition on approval requests, as the approvals store turns it into SQL:
 * the requester, or any approver user or group, is one of `refs`.
 */
export type ApprovalRequestFilter = {
  field: 'requester' | 'approver';
  refs: string[];
};

/** The approval-request resource type, owned by the approvals plugin. */
export const approvalRequestResourceRef = createPermissionResourceRef<
  ApprovalRequest,
  ApprovalRequestFilter
>().with({
  pluginId: 'approvals',
  resourceType: APPROVAL_REQUEST_RESOURCE_TYPE,
});

const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe('Entity refs of the user and their groups (ownership refs)'),
});

const isRequester = createPermissionRule({
  name: APPROVAL_RULES.IS_REQUESTER,
  description: 'The user is the requester of the approval request',
  resourceRef: approvalRequestResourceRef,
  paramsSchema: claimsSchema,
  apply: (request, { claims }) => claims.includes(request.requesterRef),
  toQuery: ({ claims }) => ({ field: 'requester', refs: claims }),
});

const isApprover = createPermissionRule({
  name: APPROVAL_RULES.IS_APPROVER,
  description:
    'The user, or one of their groups, is in the approver set of the request',
  resourceRef: approvalRequestResourceRef,
  paramsSchema: claimsSchema,
  apply: (request, { claims }) =>
    [...request.approvers.users, ...request.approvers.groups].some(ref =>
      claims.includes(ref),
    ),
  toQuery: ({ claims }) => ({ field: 'approver', refs: claims }),
});

/** The conditional rules on approval requests. */
export const approvalRequestPermissionRules = { isRequester, isApprover };

const conditionExports = createConditionExports({
  resourceRef: approvalRequestResourceRef,
  rules: approvalRequestPermissionRules,
});

/** Condition factories for the permission policy: `isRequester`, `isApprover`. */
export const approvalRequestConditions = conditionExports.conditions;

/** Wraps approval-request conditions into a conditional policy decision. */
export const createApprovalRequestConditionalDecision =
  conditionExports.createConditionalDecision;
