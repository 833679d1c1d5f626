import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { ApprovalRequest } from '@internal/plugin-approvals-common';
import { ApprovalsService } from '@internal/plugin-approvals-node';
import {
  INFRA_APPROVAL_KIND,
  InfraRequest,
} from '@internal/plugin-infra-common';
import { InfraStore } from '../database/InfraStore';
import {
  ApprovalPolicy,
  approvalDetailsOf,
  approvalMismatch,
  approvalPayloadOf,
  infraPayloadOf,
} from './approvalPayload';
import { approvalDecisionOf } from './approvalDecision';
import { auditOutcome } from './auditOutcome';
import { Clock } from './clock';
import { RequestLifecycle, titleOf } from './RequestLifecycle';
import { RequestNotifier } from './RequestNotifier';

const ENDED_WITH_APPROVAL = {
  rejected: 'rejected',
  expired: 'expired',
  cancelled: 'cancelled',
} as const;

/**
 * Opens the approval of a planned request, links approvals to requests once they are shown
 * to cover exactly that plan, and follows each approval's decision.
 */
export class ApprovalTracker {
  constructor(
    private readonly deps: {
      store: InfraStore;
      approvals: ApprovalsService;
      lifecycle: RequestLifecycle;
      notifier: RequestNotifier;
      auditor: AuditorService;
      logger: LoggerService;
      clock: Clock;
      policy: ApprovalPolicy;
    },
  ) {}

  /**
   * Opens the approval of a planned request on its requester's behalf (the requester is not
   * here: the plan ran as a job), and links it.
   */
  async open(request: InfraRequest): Promise<InfraRequest> {
    const { approvals, policy, notifier } = this.deps;
    const approval = await approvals.createRequestFor({
      kind: INFRA_APPROVAL_KIND,
      title: titleOf(request),
      summary: request.justification,
      onBehalfOfRef: request.ownerRef,
      requesterRef: request.requesterRef,
      approvers: { groups: policy.approverGroups },
      quorum: policy.quorum,
      payload: approvalPayloadOf(request),
      details: approvalDetailsOf(request),
    });
    const linked = await this.link(approval);
    if (linked) {
      // Approvers hear from the approvals service; the requester hears it from us.
      await notifier.notify(linked, {
        title: `${titleOf(linked)}: waiting for approval`,
        description: `Planned: ${linked.planSummary?.add ?? 0} to add, ${
          linked.planSummary?.change ?? 0
        } to change, ${linked.planSummary?.destroy ?? 0} to destroy.`,
      });
    }
    return linked ?? request;
  }

  /**
   * Links an approval to the planned request it names, once it is shown to cover that
   * request's plan. Returns the linked request, or undefined when it does not apply.
   */
  async link(approval: ApprovalRequest): Promise<InfraRequest | undefined> {
    const { store, logger, auditor, clock, policy, notifier } = this.deps;
    const existing = await store.getRequestByApprovalId(approval.id);
    if (existing) return existing;
    const payload = infraPayloadOf(approval);
    if (!payload) return undefined;
    const request = await store.getRequest(payload.infraRequestId);
    if (!request) return undefined;
    const mismatch = approvalMismatch(approval, request, policy);
    if (mismatch) {
      logger.warn(
        `Approval ${approval.id} not linked to infra request ${request.id}: ${mismatch}`,
      );
      await auditOutcome(auditor, 'infra-approval-link', 'fail', {
        requestId: request.id,
        approvalId: approval.id,
        reason: mismatch,
      });
      return undefined;
    }
    // The approvers are those the approval was opened with (checked above against the infra
    // config); stored with the link, they back the IS_APPROVER permission rule.
    const linked = await store.transition(
      request.id,
      ['planned'],
      'awaiting_approval',
      {
        approvalId: approval.id,
        approverRefs: [
          ...approval.approvers.users,
          ...approval.approvers.groups,
        ],
      },
      clock.now(),
    );
    if (linked) {
      await auditOutcome(auditor, 'infra-approval-requested', 'success', {
        requestId: request.id,
        approvalId: approval.id,
        planHash: request.planHash ?? null,
      });
      notifier.changed(linked);
    }
    return linked;
  }

  /**
   * Follows an approval's status. Approved and still covering the plan: the request becomes
   * `approved` for an apply worker. Approved but no longer covering it: the request is
   * planned again (or fails) and the approval is closed as failed, never left hanging.
   * Rejected, expired or cancelled: the request ends with it.
   */
  async follow(approvalId: string): Promise<void> {
    const { store, approvals } = this.deps;
    const approval = await approvals.getRequest(approvalId);
    let request = await store.getRequestByApprovalId(approvalId);
    if (!request && ['pending', 'approved'].includes(approval.status)) {
      // The decision may arrive before the link (a replica missed the open event).
      request = await this.link(approval);
    }
    if (!request) return;
    if (approval.status === 'approved') {
      await this.approved(approval, request);
      return;
    }
    const ended =
      ENDED_WITH_APPROVAL[approval.status as keyof typeof ENDED_WITH_APPROVAL];
    if (ended) await this.endWithApproval(request, ended, approval);
  }

  private async approved(approval: ApprovalRequest, request: InfraRequest) {
    const { store, lifecycle, auditor, clock, policy, notifier } = this.deps;
    if (request.status !== 'awaiting_approval') return;
    const mismatch = approvalMismatch(approval, request, policy);
    if (mismatch) {
      await auditOutcome(auditor, 'infra-request-approved', 'fail', {
        requestId: request.id,
        approvalId: approval.id,
        reason: mismatch,
      });
      // A plan that no longer matches its approval is planned again for a new approval;
      // any other mismatch cannot be mended by planning, so the request fails.
      if (mismatch.includes('plan hash')) {
        await lifecycle.supersede(request, ['awaiting_approval'], mismatch);
      } else {
        await lifecycle.fail(
          request,
          ['awaiting_approval'],
          `Approval refused: ${mismatch}`,
          { nothingApplied: true },
        );
      }
      return;
    }
    const approved = await store.transition(
      request.id,
      ['awaiting_approval'],
      'approved',
      { decision: approvalDecisionOf(approval, 'approved') },
      clock.now(),
    );
    if (approved) {
      await auditOutcome(auditor, 'infra-request-approved', 'success', {
        requestId: request.id,
        approvalId: approval.id,
        planHash: request.planHash ?? null,
      });
      notifier.changed(approved);
    }
  }

  private async endWithApproval(
    request: InfraRequest,
    to: (typeof ENDED_WITH_APPROVAL)[keyof typeof ENDED_WITH_APPROVAL],
    approval: ApprovalRequest,
  ) {
    const { store, lifecycle, auditor, clock, notifier } = this.deps;
    const ended = await store.transition(
      request.id,
      ['planned', 'awaiting_approval'],
      to,
      { decision: approvalDecisionOf(approval, to) },
      clock.now(),
    );
    if (!ended) return;
    await lifecycle.releaseName(ended);
    await auditOutcome(auditor, `infra-request-${to}`, 'success', {
      requestId: ended.id,
      approvalId: approval.id,
    });
    // The approvals service already told the requester about the decision.
    notifier.changed(ended);
  }
}
