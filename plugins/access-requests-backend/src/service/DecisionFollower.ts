import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import {
  AccessRequest,
  accessRequestApprovalKind,
} from '@internal/plugin-access-requests-common';
import {
  ApprovalHistoryEntry,
  ApprovalRequest,
} from '@internal/plugin-approvals-common';
import { ApprovalsService } from '@internal/plugin-approvals-node';
import { AccessRequestsStore } from '../database/AccessRequestsStore';
import { auditDone } from './auditDone';
import { GrantAnnouncer } from './GrantAnnouncer';

/** How a pending request ends when its approval ends without approving it. */
const ENDED_WITH_APPROVAL = {
  rejected: 'rejected',
  expired: 'expired',
  cancelled: 'cancelled',
} as const;

// The history entry that decided each outcome: the deciding vote, or the status change.
const DECIDING_ENTRY: Record<string, ApprovalHistoryEntry['type']> = {
  approved: 'approve',
  rejected: 'reject',
  expired: 'expired',
  cancelled: 'cancelled',
};

/** A pending request this old without an approval lost it to a crash; it is closed. */
const ORPHAN_AFTER_MS = 5 * 60_000;

const SWEEP_BATCH = 100;

/** Who decided an approval, when and with what comment, from its history. */
function decisionOf(approval: ApprovalRequest) {
  const entry = [...(approval.history ?? [])]
    .reverse()
    .find(e => e.type === DECIDING_ENTRY[approval.status]);
  return {
    decidedBy: entry?.actorRef,
    decidedAt: entry?.createdAt ?? approval.updatedAt,
    decisionComment: entry?.comment || undefined,
  };
}

/**
 * Follows the approvals of access requests: approved grants the access for the requested
 * duration from the decision; rejected, expired or cancelled ends the request. Events bring
 * decisions at once; {@link DecisionFollower.sweep} catches the ones an event missed. Every
 * move is a compare-and-set in the store, so replicas and repeated events act once.
 */
export class DecisionFollower {
  constructor(
    private readonly deps: {
      store: AccessRequestsStore;
      approvals: ApprovalsService;
      auditor: AuditorService;
      announcer: GrantAnnouncer;
      logger: LoggerService;
      now: () => Date;
    },
  ) {}

  /**
   * Acts on the current state of an approval this plugin opened. The approval is read back
   * from the approvals service rather than trusted from the event.
   */
  async follow(approvalId: string): Promise<void> {
    const { store, approvals, logger } = this.deps;
    const request = await store.getByApprovalId(approvalId);
    if (!request) return;
    const approval = await approvals.getRequest(approvalId);
    if (
      approval.kind !== accessRequestApprovalKind ||
      approval.requesterRef !== request.requester
    ) {
      logger.warn(
        `Approval ${approvalId} does not match access request ${request.id}; ignored`,
      );
      return;
    }
    if (approval.status === 'approved') {
      await this.approved(approval, request);
      return;
    }
    const ended =
      ENDED_WITH_APPROVAL[approval.status as keyof typeof ENDED_WITH_APPROVAL];
    if (ended) await this.ended(approval, request, ended);
  }

  /** Follows every pending request's approval; closes requests that lost theirs. */
  async sweep(): Promise<void> {
    const { store, logger, now } = this.deps;
    for (const request of await store.listPending(SWEEP_BATCH)) {
      try {
        if (request.approvalId) {
          await this.follow(request.approvalId);
        } else if (
          now().getTime() - new Date(request.createdAt).getTime() >
          ORPHAN_AFTER_MS
        ) {
          await this.closeOrphan(request);
        }
      } catch (error) {
        logger.warn(
          `Could not follow the approval of access request ${request.id}: ${error}`,
        );
      }
    }
  }

  private async approved(approval: ApprovalRequest, request: AccessRequest) {
    const { store, approvals, auditor, announcer, logger, now } = this.deps;
    if (request.status !== 'pending') {
      // Cancelled before the approval came: close the approval rather than leave it
      // approved for nothing.
      if (request.status === 'cancelled') {
        await approvals
          .reportExecution(approval.id, {
            status: 'failed',
            comment: 'The access request was cancelled before the approval.',
          })
          .catch(() => {});
      }
      return;
    }
    const decision = decisionOf(approval);
    const decidedAt = new Date(decision.decidedAt);
    const grantedAt = Number.isNaN(decidedAt.getTime()) ? now() : decidedAt;
    const granted = await store.transition(
      request.id,
      'pending',
      'active',
      { ...decision, decidedAt: grantedAt.toISOString(), grantedAt },
      now(),
    );
    if (!granted) return;
    await auditDone(auditor, {
      eventId: 'access-request-decision',
      severityLevel: 'medium',
      meta: {
        requestId: granted.id,
        approvalId: approval.id,
        decision: 'approved',
        ...(granted.decidedBy && { decidedBy: granted.decidedBy }),
      },
    });
    await auditDone(auditor, {
      eventId: 'access-grant-grant',
      severityLevel: 'high',
      meta: {
        requestId: granted.id,
        requester: granted.requester,
        targetId: granted.targetId,
        duration: granted.duration,
        grantedAt: granted.grantedAt!,
        expiresAt: granted.expiresAt!,
      },
    });
    await announcer.changed(granted);
    try {
      await approvals.reportExecution(approval.id, { status: 'executing' });
      await approvals.reportExecution(approval.id, { status: 'completed' });
    } catch (error) {
      // The grant stands; the approval's own status is bookkeeping.
      logger.warn(
        `Could not report the grant of access request ${granted.id} to approval ${approval.id}: ${error}`,
      );
    }
  }

  private async ended(
    approval: ApprovalRequest,
    request: AccessRequest,
    to: (typeof ENDED_WITH_APPROVAL)[keyof typeof ENDED_WITH_APPROVAL],
  ) {
    const { store, auditor, now } = this.deps;
    const ended = await store.transition(
      request.id,
      'pending',
      to,
      decisionOf(approval),
      now(),
    );
    if (!ended) return;
    await auditDone(auditor, {
      eventId: 'access-request-decision',
      severityLevel: 'medium',
      meta: {
        requestId: ended.id,
        approvalId: approval.id,
        decision: to,
        ...(ended.decidedBy && { decidedBy: ended.decidedBy }),
      },
    });
  }

  private async closeOrphan(request: AccessRequest) {
    const { store, auditor, now } = this.deps;
    const closed = await store.transition(
      request.id,
      'pending',
      'cancelled',
      {
        decidedAt: now().toISOString(),
        decisionComment: 'The approval could not be opened; ask again.',
      },
      now(),
    );
    if (!closed) return;
    await auditDone(auditor, {
      eventId: 'access-request-cancel',
      severityLevel: 'low',
      meta: { requestId: closed.id, reason: 'no approval' },
    });
  }
}
