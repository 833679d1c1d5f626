import {
  AuthorizeResult,
  ConditionalPolicyDecision,
} from '@backstage/plugin-permission-common';
import { PermissionInfo, WhoCan } from '@internal/plugin-rbac-common';
import { RbacEngine } from '@internal/plugin-rbac-node';
import { accessResultOf, rbacUserOf } from './accessCell';
import { ConditionApplier } from './ConditionApplier';
import { mapInSlices } from './inSlices';
import { permissionOf } from './PermissionCatalog';

/**
 * Every catalog user's decision on a permission. With `resourceRef`, conditional decisions
 * are resolved to ALLOW or DENY on that resource by the plugin that owns it. Users denied
 * are left out unless `all` is set.
 */
export async function whoCan(options: {
  engine: RbacEngine;
  applier: ConditionApplier;
  permission: PermissionInfo;
  resourceRef?: string;
  all: boolean;
}): Promise<WhoCan> {
  const { engine, applier, permission, resourceRef, all } = options;
  const asked = permissionOf(permission);
  const decided = await mapInSlices(engine.groups.userRefs(), userRef => ({
    userRef,
    decision: engine.decide(asked, rbacUserOf(userRef)),
  }));

  const results = decided.map(d => d.decision.result);
  if (resourceRef !== undefined) {
    const conditional = decided.flatMap((d, index) =>
      d.decision.result === AuthorizeResult.CONDITIONAL
        ? [{ index, decision: d.decision as ConditionalPolicyDecision }]
        : [],
    );
    const resolved = await applier.apply(
      resourceRef,
      conditional.map(c => c.decision),
    );
    conditional.forEach((c, i) => {
      results[c.index] = resolved[i];
    });
  }

  const users = decided
    .map((d, index) => ({
      userRef: d.userRef,
      result: accessResultOf(results[index]),
      grantedBy: d.decision.grantedBy,
    }))
    .filter(user => all || user.result !== 'DENY');
  return {
    permission,
    ...(resourceRef !== undefined ? { resourceRef } : {}),
    users,
  };
}
