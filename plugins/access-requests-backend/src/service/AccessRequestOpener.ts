import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AccessRequest,
  AccessTarget,
  CreateAccessRequest,
  accessDurationSeconds,
  accessRequestApprovalKind,
} from '@internal/plugin-access-requests-common';
import { ApprovalsService } from '@internal/plugin-approvals-node';
import { AccessRequestsStore } from '../database/AccessRequestsStore';
import { describeTarget } from '../config/accessRequestsConfig';

/** What the approval of an access request carries, for the approver and for the follow. */
export type AccessRequestApprovalPayload = {
  accessRequestId: string;
  requester: string;
  target: AccessTarget['target'];
  duration: string;
};

/**
 * Opens an access request: checks it against its target, records it as pending (one open
 * request per requester and target) and opens its approval with the target's approvers, on
 * behalf of the requester, so that the approvals service refuses their own vote. Withdraws
 * that approval again when the request is cancelled before its decision.
 */
export class AccessRequestOpener {
  constructor(
    private readonly deps: {
      store: AccessRequestsStore;
      approvals: ApprovalsService;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      targets: AccessTarget[];
      approvalExpirySeconds: number;
      now: () => Date;
    },
  ) {}

  async open(
    input: Required<CreateAccessRequest>,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<AccessRequest> {
    const { store, approvals, targets, approvalExpirySeconds, now } = this.deps;
    const target = targets.find(t => t.id === input.targetId);
    if (!target) {
      throw new InputError(`Unknown access target ${input.targetId}`);
    }
    const durationSeconds = accessDurationSeconds(input.duration);
    if (!target.durations.includes(input.duration) || !durationSeconds) {
      throw new InputError(
        `Duration ${input.duration} is not offered for ${
          target.id
        }; choose one of ${target.durations.join(', ')}`,
      );
    }
    const requester = credentials.principal.userEntityRef;
    const request = await store.create(
      {
        requester,
        targetId: target.id,
        target: target.target,
        duration: input.duration,
        durationSeconds,
        reason: input.reason,
      },
      now(),
    );
    try {
      const payload: AccessRequestApprovalPayload = {
        accessRequestId: request.id,
        requester,
        target: target.target,
        duration: request.duration,
      };
      const approval = await approvals.createRequest(
        {
          kind: accessRequestApprovalKind,
          title: `${await this.displayName(
            requester,
          )} asks for ${describeTarget(target.target)} for ${request.duration}`,
          summary: request.reason,
          approvers: {
            users: target.approvers.filter(ref => ref.startsWith('user:')),
            groups: target.approvers.filter(ref => ref.startsWith('group:')),
          },
          expiresInSeconds: approvalExpirySeconds,
          payload,
          details: { reason: request.reason, target: target.title },
        },
        { credentials },
      );
      await store.linkApproval(request.id, approval.id);
      return { ...request, approvalId: approval.id };
    } catch (error) {
      // Without its approval the request could never be decided: undo it, so the user may
      // ask again.
      await store.discard(request.id);
      throw error;
    }
  }

  /**
   * Withdraws the approval of a request that was cancelled while it waited, so that it
   * leaves the approvers' inbox. A failure is logged, not thrown: the cancel stands, and an
   * approval that comes anyway is answered as failed (see DecisionFollower).
   */
  async withdrawApproval(request: AccessRequest, cancelledBy: string) {
    const { approvals, logger } = this.deps;
    if (!request.approvalId) return;
    try {
      await approvals.withdrawRequest(request.approvalId, {
        comment: `The access request was cancelled by ${cancelledBy}.`,
      });
    } catch (error) {
      logger.warn(
        `Could not withdraw approval ${request.approvalId} of cancelled access request ${request.id}: ${error}`,
      );
    }
  }

  /** The requester's display name from the catalog, or the name in their ref. */
  private async displayName(userRef: string): Promise<string> {
    const { catalog, auth, logger } = this.deps;
    try {
      const entity = await catalog.getEntityByRef(userRef, {
        credentials: await auth.getOwnServiceCredentials(),
      });
      const displayName = (
        entity?.spec?.profile as { displayName?: unknown } | undefined
      )?.displayName;
      if (typeof displayName === 'string' && displayName.trim()) {
        return displayName.trim();
      }
    } catch (error) {
      logger.warn(`Could not read ${userRef} from the catalog: ${error}`);
    }
    return parseEntityRef(userRef).name;
  }
}
