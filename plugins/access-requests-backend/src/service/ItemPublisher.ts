import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { ApprovalsService } from '@internal/plugin-approvals-node';
import {
  AccessRequestsItem,
  accessRequestsItemApprovalKind,
} from '@internal/plugin-access-requests-common';
import { ItemsStore } from '../database/ItemsStore';
import { audited } from './audited';

/**
 * Publishing an item goes through an approval: {@link ItemPublisher.request} opens it, and
 * {@link ItemPublisher.follow} acts on its decision when the approvals backend announces it.
 */
export class ItemPublisher {
  constructor(
    private readonly deps: {
      store: ItemsStore;
      approvals: ApprovalsService;
      auditor: AuditorService;
      logger: LoggerService;
      approverGroups: string[];
    },
  ) {}

  /** Opens the approval to publish a draft, on behalf of the user asking for it. */
  async request(
    id: string,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<AccessRequestsItem> {
    const { store, approvals, approverGroups } = this.deps;
    const claimed = await store.claimForApproval(id);
    if (!claimed) {
      if (!(await store.get(id))) {
        throw new NotFoundError(`No item ${id}`);
      }
      throw new ConflictError(`Item ${id} is not a draft`);
    }
    try {
      const approval = await approvals.createRequest(
        {
          kind: accessRequestsItemApprovalKind,
          title: `Publish ${claimed.title}`,
          summary: claimed.description,
          approvers: { groups: approverGroups },
          payload: { itemId: claimed.id },
        },
        { credentials },
      );
      await store.linkApproval(claimed.id, approval.id);
      return { ...claimed, approvalId: approval.id };
    } catch (error) {
      await store.releaseClaim(claimed.id);
      throw error;
    }
  }

  /**
   * Acts on the current state of an approval this plugin opened. The approval is read back
   * from the approvals backend rather than trusted from the event, and the store's
   * compare-and-set makes a repeated event (or one handled on another replica) a no-op.
   */
  async follow(approvalId: string): Promise<void> {
    const { store, approvals, auditor } = this.deps;
    const approval = await approvals.getRequest(approvalId);
    if (approval.kind !== accessRequestsItemApprovalKind) return;
    if (approval.status === 'approved') {
      await audited(
        auditor,
        {
          eventId: 'item-publish',
          severityLevel: 'medium',
          meta: { approvalId },
        },
        async () => {
          const published = await store.publish(approvalId);
          if (published) {
            await approvals.reportExecution(approvalId, { status: 'executing' });
            await approvals.reportExecution(approvalId, { status: 'completed' });
          }
        },
      );
    } else if (['rejected', 'expired', 'cancelled'].includes(approval.status)) {
      const item = await store.backToDraft(approvalId);
      if (item) {
        this.deps.logger.info(
          `Item ${item.id} is a draft again: its approval was ${approval.status}`,
        );
      }
    }
  }
}
