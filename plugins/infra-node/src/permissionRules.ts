import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  INFRA_REQUEST_RESOURCE_TYPE,
  INFRA_REQUEST_RULES,
  InfraRequest,
} from '@internal/plugin-infra-common';
import { z } from 'zod';

/**
 * A permission condition on infra requests, as the infra store turns it into SQL: the
 * requester, the owner group, or one of the approvers of the request's approval is one of
 * `refs`.
 */
export type InfraRequestFilter = {
  field: 'requester' | 'owner' | 'approver';
  refs: string[];
};

/** The infra-request resource type, owned by the infra plugin. */
export const infraRequestResourceRef = createPermissionResourceRef<
  InfraRequest,
  InfraRequestFilter
>().with({
  pluginId: 'infra',
  resourceType: INFRA_REQUEST_RESOURCE_TYPE,
});

const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe('Entity refs of the user and their groups (ownership refs)'),
});

const isRequester = createPermissionRule({
  name: INFRA_REQUEST_RULES.IS_REQUESTER,
  description: 'The user is the requester of the infra request',
  resourceRef: infraRequestResourceRef,
  paramsSchema: claimsSchema,
  apply: (request, { claims }) => claims.includes(request.requesterRef),
  toQuery: ({ claims }) => ({ field: 'requester', refs: claims }),
});

const isOwner = createPermissionRule({
  name: INFRA_REQUEST_RULES.IS_OWNER,
  description:
    'The user, or one of their groups, owns the resource the infra request is for',
  resourceRef: infraRequestResourceRef,
  paramsSchema: claimsSchema,
  apply: (request, { claims }) => claims.includes(request.ownerRef),
  toQuery: ({ claims }) => ({ field: 'owner', refs: claims }),
});

const isApprover = createPermissionRule({
  name: INFRA_REQUEST_RULES.IS_APPROVER,
  description:
    "The user, or one of their groups, is an approver of the request's approval",
  resourceRef: infraRequestResourceRef,
  paramsSchema: claimsSchema,
  apply: (request, { claims }) =>
    (request.approverRefs ?? []).some(ref => claims.includes(ref)),
  toQuery: ({ claims }) => ({ field: 'approver', refs: claims }),
});

/** The conditional rules on infra requests. */
export const infraRequestPermissionRules = { isRequester, isOwner, isApprover };

const conditionExports = createConditionExports({
  resourceRef: infraRequestResourceRef,
  rules: infraRequestPermissionRules,
});

/**
 * Condition factories for the permission policy: `isRequester`, `isOwner`, `isApprover`.
 */
export const infraRequestConditions = conditionExports.conditions;

/** Wraps infra-request conditions into a conditional policy decision. */
export const createInfraRequestConditionalDecision =
  conditionExports.createConditionalDecision;
