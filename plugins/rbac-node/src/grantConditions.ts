import {
  PermissionCondition,
  PermissionCriteria,
  PermissionRuleParams,
} from '@backstage/plugin-permission-common';
import { ConditionConfig } from '@internal/plugin-rbac-common';

/** The refs a user stands for, after group expansion. */
export type UserClaims = {
  userRef: string;
  /** The user, their groups, and every group above those: who they are a member of. */
  memberRefs: string[];
  /** The user, their groups, and every group below those: whose things they own. */
  ownershipRefs: string[];
};

/**
 * The rules whose params are the user's own refs, and which refs each takes. A grant names
 * the rule (`{ rule: IS_OWNER }`) and the policy fills the params for the user asking; params
 * written in the grant win.
 */
const CLAIM_PARAMS: Record<string, (user: UserClaims) => object> = {
  // approvals, infra
  IS_REQUESTER: user => ({ claims: [user.userRef] }),
  IS_APPROVER: user => ({ claims: user.memberRefs }),
  IS_OWNER: user => ({ claims: user.ownershipRefs }),
  // catalog
  IS_ENTITY_OWNER: user => ({ claims: user.ownershipRefs }),
  // scaffolder
  IS_TASK_OWNER: user => ({ createdBy: [user.userRef] }),
};

/** allOf and anyOf need at least one element; the config schema ensures it. */
export function nonEmpty<T>(items: T[]): [T, ...T[]] {
  if (items.length === 0) throw new Error('allOf/anyOf needs a condition');
  return items as [T, ...T[]];
}

/** Turns a grant's condition into permission criteria for one user and resource type. */
export function toCriteria(
  condition: ConditionConfig,
  resourceType: string,
  user: UserClaims,
): PermissionCriteria<PermissionCondition> {
  if ('allOf' in condition) {
    return {
      allOf: nonEmpty(
        condition.allOf.map(c => toCriteria(c, resourceType, user)),
      ),
    };
  }
  if ('anyOf' in condition) {
    return {
      anyOf: nonEmpty(
        condition.anyOf.map(c => toCriteria(c, resourceType, user)),
      ),
    };
  }
  if ('not' in condition) {
    return { not: toCriteria(condition.not, resourceType, user) };
  }
  const claims = CLAIM_PARAMS[condition.rule]?.(user) ?? {};
  return {
    rule: condition.rule,
    resourceType,
    params: { ...claims, ...condition.params } as PermissionRuleParams,
  };
}

/** Turns filled permission criteria back into a condition as the roles config writes it. */
export function toConditionConfig(
  criteria: PermissionCriteria<PermissionCondition>,
): ConditionConfig {
  if ('allOf' in criteria) {
    return { allOf: criteria.allOf.map(toConditionConfig) };
  }
  if ('anyOf' in criteria) {
    return { anyOf: criteria.anyOf.map(toConditionConfig) };
  }
  if ('not' in criteria) {
    return { not: toConditionConfig(criteria.not) };
  }
  return criteria.params
    ? { rule: criteria.rule, params: { ...criteria.params } }
    : { rule: criteria.rule };
}
