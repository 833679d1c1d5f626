import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError, stringifyError } from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { RbacEngine } from '@internal/plugin-rbac-node';
import { GrantUseAuditor } from './GrantUseAuditor';

/** Where the policy gets the roles in force. */
export type RolesSource = {
  engine(): RbacEngine;
  ready(): Promise<void>;
};

/**
 * The one permission policy for every Gantry plugin: the roles of `gantry.rbac`, see
 * `RbacEngine` for the rules. It fails closed: a query without a user is denied, and so is
 * any permission no role grants. Service-to-service calls never reach the policy; the
 * permissions service allows them. Every denial is recorded in the audit trail, and so is
 * every use of a temporary grant (see `GrantUseAuditor`).
 */
export class GantryPermissionPolicy implements PermissionPolicy {
  private readonly grantUse: GrantUseAuditor;

  constructor(
    private readonly roles: RolesSource,
    private readonly deps: { auditor: AuditorService; logger: LoggerService },
  ) {
    this.grantUse = new GrantUseAuditor(deps);
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      this.auditDenial(request, undefined, 'the query carries no user');
      return { result: AuthorizeResult.DENY };
    }
    await this.roles.ready();
    const {
      grantedBy: _grantedBy,
      temporaryGrantIds,
      ...decision
    } = this.roles.engine().decide(request.permission, user.info);
    // A conditional decision is not a denial: the resource's plugin applies the conditions.
    if (decision.result === AuthorizeResult.DENY) {
      this.auditDenial(request, user.info.userEntityRef, 'no role grants it');
    } else if (temporaryGrantIds.length > 0) {
      this.grantUse.record(
        temporaryGrantIds,
        user.info.userEntityRef,
        request.permission.name,
      );
    }
    return decision;
  }

  /**
   * Records a denial without holding up the decision. Denials are `low`: the UI asks for many
   * permissions on every page (to show or hide buttons), so most denials are routine, and a
   * low event that cannot be stored is only logged rather than failing the caller. For the
   * same reason the decision does not wait for the store: an unrecorded denial is a warning
   * in the log, never an error or a slower answer for the user.
   */
  private auditDenial(
    request: PolicyQuery,
    user: string | undefined,
    why: string,
  ) {
    const { permission } = request;
    const meta = {
      permission: permission.name,
      action: permission.attributes.action ?? null,
      ...(isResourcePermission(permission)
        ? { resourceType: permission.resourceType }
        : {}),
      // The policy gets no HTTP request, so the auditor names the permission plugin as the
      // actor; the user the decision was for is here.
      user: user ?? null,
    };
    const record = async () => {
      const event = await this.deps.auditor.createEvent({
        eventId: 'permission-deny',
        severityLevel: 'low',
        meta,
      });
      await event.fail({
        error: new NotAllowedError(
          `${user ?? 'A query without a user'} may not ${
            permission.name
          }: ${why}`,
        ),
      });
    };
    record().catch(error =>
      this.deps.logger.warn(
        `Could not audit the denial of ${permission.name} to ${
          user ?? 'a query without a user'
        }: ${stringifyError(error)}`,
      ),
    );
  }
}
