import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  APPROVAL_REQUEST_RESOURCE_TYPE,
  approvalsRequestCancelPermission,
  approvalsRequestDecidePermission,
  approvalsRequestReadPermission,
} from '@internal/plugin-approvals-common';
import {
  approvalRequestConditions,
  createApprovalRequestConditionalDecision,
} from '@internal/plugin-approvals-node';

/** Who counts as a platform admin. */
export type GantryPolicyOptions = {
  /** User or group refs whose members are admins. */
  adminRefs: string[];
};

/**
 * The one permission policy for every Gantry plugin.
 *
 * A query without a user is denied: the policy fails closed. Service-to-service calls never
 * reach the policy, the permissions service allows them. Approval requests are conditional
 * (requester of, approver of) with admins allowed to read and cancel; everything no issue
 * has restricted yet is allowed to signed-in users.
 */
export class GantryPermissionPolicy implements PermissionPolicy {
  constructor(private readonly options: GantryPolicyOptions) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const claims = user.info.ownershipEntityRefs;
    const isAdmin = claims.some(ref => this.options.adminRefs.includes(ref));
    const { permission } = request;

    if (isResourcePermission(permission, APPROVAL_REQUEST_RESOURCE_TYPE)) {
      const { isRequester, isApprover } = approvalRequestConditions;
      switch (permission.name) {
        case approvalsRequestReadPermission.name:
          return isAdmin
            ? { result: AuthorizeResult.ALLOW }
            : createApprovalRequestConditionalDecision(permission, {
                anyOf: [isRequester({ claims }), isApprover({ claims })],
              });
        case approvalsRequestDecidePermission.name:
          // Admins too must be in the approver set to decide.
          return createApprovalRequestConditionalDecision(
            permission,
            isApprover({ claims }),
          );
        case approvalsRequestCancelPermission.name:
          return isAdmin
            ? { result: AuthorizeResult.ALLOW }
            : createApprovalRequestConditionalDecision(
                permission,
                isRequester({ claims }),
              );
        default:
          return { result: AuthorizeResult.DENY };
      }
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
