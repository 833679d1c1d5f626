import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { RbacEngine } from '@internal/plugin-rbac-node';

/** Where the policy gets the roles in force. */
export type RolesSource = {
  engine(): RbacEngine;
  ready(): Promise<void>;
};

/**
 * The one permission policy for every Gantry plugin: the roles of `gantry.rbac`, see
 * `RbacEngine` for the rules. It fails closed: a query without a user is denied, and so is
 * any permission no role grants. Service-to-service calls never reach the policy; the
 * permissions service allows them.
 */
export class GantryPermissionPolicy implements PermissionPolicy {
  constructor(private readonly roles: RolesSource) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    await this.roles.ready();
    const { grantedBy: _grantedBy, ...decision } = this.roles
      .engine()
      .decide(request.permission, user.info);
    return decision;
  }
}
