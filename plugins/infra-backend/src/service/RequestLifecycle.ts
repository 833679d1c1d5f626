import { LoggerService } from '@backstage/backend-plugin-api';
import {
  InfraRequest,
  InfraRequestStatus,
} from '@internal/plugin-infra-common';
import { ApprovalsService } from '@internal/plugin-approvals-node';
import { InfraStore } from '../database/InfraStore';
import { Clock } from './clock';
import { RequestNotifier } from './RequestNotifier';

const MAX_REASON = 4000;

/**
 * The one home of how a request ends badly: failed, or superseded by a new plan. Each end
 * frees the name of a resource that was never created, closes the approval, tells the
 * requester why, and pushes the change to open pages.
 */
export class RequestLifecycle {
  constructor(
    private readonly deps: {
      store: InfraStore;
      approvals: ApprovalsService;
      notifier: RequestNotifier;
      logger: LoggerService;
      clock: Clock;
      approverGroups: string[];
    },
  ) {}

  /**
   * Fails a request that is still in one of `from`. `nothingApplied` says that Terraform did
   * not start changing anything, so a create frees its name. Returns the failed request, or
   * undefined when it had already moved on.
   */
  async fail(
    request: InfraRequest,
    from: InfraRequestStatus[],
    reason: string,
    options: { nothingApplied: boolean; claimedBy?: string },
  ): Promise<InfraRequest | undefined> {
    const { store, clock, notifier } = this.deps;
    const failed = await store.transition(
      request.id,
      from,
      'failed',
      { error: reason.slice(0, MAX_REASON) },
      clock.now(),
      { claimedBy: options.claimedBy },
    );
    if (!failed) return undefined;
    if (options.nothingApplied) await this.releaseName(failed);
    await this.reportApproval(failed, 'failed', reason);
    const planning = from.includes('planning');
    await notifier.notify(
      failed,
      {
        title: `${titleOf(failed)}: ${planning ? 'plan' : 'request'} failed`,
        description: reason.slice(0, 500),
      },
      // Approvers hear about failed plans too: they may be waiting for the request.
      planning ? this.deps.approverGroups : [],
    );
    notifier.changed(failed);
    return failed;
  }

  /**
   * Replaces a request that cannot be applied as approved (a stale plan, a plan file or an
   * approval that no longer matches) with a new request of the same parameters and
   * requester, in `planning`: a plan worker picks it up, and it goes back for approval.
   */
  async supersede(
    request: InfraRequest,
    from: InfraRequestStatus[],
    why: string,
  ): Promise<InfraRequest | undefined> {
    const { store, clock, notifier } = this.deps;
    const next = await store.createRequest(
      {
        operation: request.operation,
        kind: request.kind,
        resourceName: request.resourceName,
        environment: request.environment,
        requesterRef: request.requesterRef,
        ownerRef: request.ownerRef,
        systemRef: request.systemRef,
        justification: request.justification,
        parameters: request.parameters,
        resourceId: request.resourceId,
      },
      clock.now(),
    );
    const superseded = await store.transition(
      request.id,
      from,
      'superseded',
      { supersededBy: next.id, error: `Planned again: ${why}` },
      clock.now(),
    );
    if (!superseded) {
      // Someone else ended this request first; the new one must not go on alone.
      await store.transition(
        next.id,
        ['planning'],
        'cancelled',
        { error: `Not needed: ${request.id} had already moved on` },
        clock.now(),
      );
      return undefined;
    }
    await store.updateResource(
      request.resourceId,
      { lastRequestId: next.id },
      clock.now(),
    );
    await this.reportApproval(
      superseded,
      'failed',
      `Not applied (${why}); planned again as ${next.id} for a new approval`,
    );
    await notifier.notify(superseded, {
      title: `${titleOf(superseded)}: planned again`,
      description: `Not applied: ${why}. A new plan is on its way for approval.`,
    });
    notifier.changed(superseded);
    return next;
  }

  /** Frees the name of a create that never reached Terraform apply. */
  async releaseName(request: InfraRequest) {
    if (request.operation === 'create') {
      await this.deps.store.releaseName(
        request.resourceId,
        this.deps.clock.now(),
      );
    }
  }

  /** Closes the linked approval with the execution outcome; logs when it cannot. */
  async reportApproval(
    request: InfraRequest,
    status: 'completed' | 'failed',
    comment?: string,
  ) {
    if (!request.approvalId) return;
    try {
      await this.deps.approvals.reportExecution(request.approvalId, {
        status,
        comment: comment?.slice(0, MAX_REASON),
      });
    } catch (error) {
      this.deps.logger.warn(
        `Could not report ${status} on approval ${request.approvalId} of ${request.id}: ${error}`,
      );
    }
  }
}

/** "Create s3-bucket receipts (dev)", for titles. */
export function titleOf(request: InfraRequest) {
  return `${request.operation === 'destroy' ? 'Destroy' : 'Create'} ${
    request.kind
  } ${request.resourceName} (${request.environment})`;
}
