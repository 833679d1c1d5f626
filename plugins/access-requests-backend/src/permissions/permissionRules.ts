import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  ACCESS_REQUEST_RESOURCE_TYPE,
  ACCESS_REQUEST_RULES,
  AccessRequest,
} from '@internal/plugin-access-requests-common';
import { z } from 'zod';

/**
 * A permission condition on access requests, as the store turns it into SQL: the requester
 * is one of `refs`.
 */
export type AccessRequestFilter = {
  field: 'requester';
  refs: string[];
};

/** The access-request resource type, owned by the access-requests plugin. */
export const accessRequestResourceRef = createPermissionResourceRef<
  AccessRequest,
  AccessRequestFilter
>().with({
  pluginId: 'access-requests',
  resourceType: ACCESS_REQUEST_RESOURCE_TYPE,
});

const isRequester = createPermissionRule({
  name: ACCESS_REQUEST_RULES.IS_REQUESTER,
  description: 'The user is the requester of the access request',
  resourceRef: accessRequestResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs of the user (the policy fills in their own ref)'),
  }),
  apply: (request, { claims }) => claims.includes(request.requester),
  toQuery: ({ claims }) => ({ field: 'requester', refs: claims }),
});

/** The conditional rules on access requests. */
export const accessRequestPermissionRules = { isRequester };
