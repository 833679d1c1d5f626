import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  INFRA_REQUEST_RESOURCE_TYPE,
  infraResourceDestroyPermission,
} from '@internal/plugin-infra-common';
import {
  createInfraRequestConditionalDecision,
  infraRequestConditions,
} from '@internal/plugin-infra-node';

/** Members of this group may destroy any resource under {@link infraTestPolicy}. */
export const TEST_ADMINS = 'group:default/platform-admins';

/**
 * The policy the infra backend tests run under, in the real permission backend. A query
 * without a user is denied; signed-in users may do everything except destroy, which is
 * conditional on owning the resource (IS_OWNER on its last request, evaluated by the infra
 * plugin's own rule), as Gantry's `developer` role grants it; {@link TEST_ADMINS} may destroy
 * anything. It stands on its own so the infra tests do not follow changes of Gantry's roles.
 */
export const infraTestPolicy: PermissionPolicy = {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) return { result: AuthorizeResult.DENY };
    const { permission } = request;
    const claims = user.info.ownershipEntityRefs;
    if (
      isPermission(permission, infraResourceDestroyPermission) &&
      isResourcePermission(permission, INFRA_REQUEST_RESOURCE_TYPE)
    ) {
      if (claims.includes(TEST_ADMINS))
        return { result: AuthorizeResult.ALLOW };
      return createInfraRequestConditionalDecision(
        permission,
        infraRequestConditions.isOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  },
};

/** Installs `policy` as the permission backend's policy. */
export function testPolicyModule(policy: PermissionPolicy) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId: 'infra-test-policy',
    register(reg) {
      reg.registerInit({
        deps: { extension: policyExtensionPoint },
        async init({ extension }) {
          extension.setPolicy(policy);
        },
      });
    },
  });
}
