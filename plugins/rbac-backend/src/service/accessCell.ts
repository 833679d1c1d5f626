import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import { AccessCell, AccessResult } from '@internal/plugin-rbac-common';
import { RbacEngine, RbacUser } from '@internal/plugin-rbac-node';

/**
 * A catalog user as the engine sees them. Their own ref is the only claim: the engine adds
 * their catalog groups, as it does for a signed-in user, so the page shows what they get.
 */
export function rbacUserOf(userRef: string): RbacUser {
  return { userEntityRef: userRef, ownershipEntityRefs: [userRef] };
}

/** A policy decision's result as the access page names it. */
export function accessResultOf(result: AuthorizeResult): AccessResult {
  if (result === AuthorizeResult.ALLOW) return 'ALLOW';
  if (result === AuthorizeResult.CONDITIONAL) return 'CONDITIONAL';
  return 'DENY';
}

/** One user's decision on one permission, with the roles and conditions behind it. */
export function accessCell(
  engine: RbacEngine,
  permission: Permission,
  userRef: string,
): AccessCell {
  const user = rbacUserOf(userRef);
  const decision = engine.decide(permission, user);
  const cell: AccessCell = {
    result: accessResultOf(decision.result),
    grantedBy: decision.grantedBy,
  };
  if (decision.result === AuthorizeResult.CONDITIONAL) {
    cell.conditions = engine.conditionsOf(permission, user);
  }
  if (decision.temporaryGrantIds.length > 0) {
    cell.temporaryGrantIds = decision.temporaryGrantIds;
  }
  return cell;
}
