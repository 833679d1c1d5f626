import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { ConditionTransformer } from '@backstage/plugin-permission-node';

/**
 * A resource permission's decision for a caller, as a plugin store's filters: `undefined`
 * when the permission is granted outright, `null` when it is denied, otherwise the
 * conditions to apply in SQL (with `applyPermissionCriteria`).
 */
export async function authorizeConditions<TFilter>(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: ResourcePermission,
  transformConditions: ConditionTransformer<TFilter>,
): Promise<PermissionCriteria<TFilter> | undefined | null> {
  const [decision] = await permissions.authorizeConditional([{ permission }], {
    credentials,
  });
  if (decision.result === AuthorizeResult.DENY) return null;
  if (decision.result === AuthorizeResult.CONDITIONAL) {
    return transformConditions(decision.conditions);
  }
  return undefined;
}
