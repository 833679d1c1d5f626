import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  AUDIT_EVENT_RESOURCE_TYPE,
  AUDIT_EVENT_RULES,
} from '@internal/plugin-audit-common';
import { z } from 'zod';

/**
 * What `audit.event.read` is decided on: the entries about one target, an entity, with the
 * refs that own it. Its resource ref is the target's entity ref.
 */
export type AuditTarget = {
  ref: string;
  ownerRefs: string[];
};

/**
 * A condition as a search could apply it: targets owned by one of `ownerRefs`. Owners live
 * in the catalog, not in the trail, so the audit API only answers a conditional reader for
 * one target at a time, after `apply` has allowed it.
 */
export type AuditTargetFilter = { ownedBy: string[] };

/** The audit-event resource type, owned by the audit plugin. */
export const auditTargetResourceRef = createPermissionResourceRef<
  AuditTarget,
  AuditTargetFilter
>().with({
  pluginId: 'audit',
  resourceType: AUDIT_EVENT_RESOURCE_TYPE,
});

const isOwner = createPermissionRule({
  name: AUDIT_EVENT_RULES.IS_OWNER,
  description:
    'The user, or one of their groups, owns the entity the audit entries are about',
  resourceRef: auditTargetResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs of the user and their groups (ownership refs)'),
  }),
  apply: (target, { claims }) =>
    target.ownerRefs.some(ref => claims.includes(ref)),
  toQuery: ({ claims }) => ({ ownedBy: claims }),
});

/** The conditional rules on audit entries. */
export const auditTargetPermissionRules = [isOwner];
