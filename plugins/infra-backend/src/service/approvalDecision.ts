import {
  ApprovalHistoryEntry,
  ApprovalRequest,
} from '@internal/plugin-approvals-common';
import { InfraRequestDecision } from '@internal/plugin-infra-common';

// The history entry that decided each outcome: the deciding vote, or the status change.
const DECIDING_ENTRY: Record<
  InfraRequestDecision['status'],
  ApprovalHistoryEntry['type']
> = {
  approved: 'approve',
  rejected: 'reject',
  expired: 'expired',
  cancelled: 'cancelled',
};

/**
 * How an approval was decided, from its history: who cast the deciding vote (the last
 * approval reaching the quorum, the rejection) or ended it, when, and with what comment.
 */
export function approvalDecisionOf(
  approval: ApprovalRequest,
  status: InfraRequestDecision['status'],
): InfraRequestDecision {
  const entry = [...(approval.history ?? [])]
    .reverse()
    .find(e => e.type === DECIDING_ENTRY[status]);
  return {
    status,
    actorRef: entry?.actorRef,
    comment: entry?.comment || undefined,
    decidedAt: entry?.createdAt ?? approval.updatedAt,
  };
}
