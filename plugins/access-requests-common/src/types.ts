import type { TemporaryGrantTarget } from '@internal/plugin-rbac-common';

/**
 * Where an access request stands.
 * - `pending`: waiting for the target's approvers;
 * - `active`: approved, the grant is in force until `expiresAt`;
 * - `expired`: the grant ran out (or was never granted because the approval expired);
 * - `revoked`: an admin ended the grant before its expiry;
 * - `rejected`, `cancelled`: never granted.
 */
export type AccessRequestStatus =
  | 'pending'
  | 'active'
  | 'expired'
  | 'revoked'
  | 'rejected'
  | 'cancelled';

/** What a user may ask for, with the durations allowed for it (from `accessRequests.targets`). */
export type AccessTarget = {
  /** Stable id of the target in the config: the role name or the group ref. */
  id: string;
  target: TemporaryGrantTarget;
  title: string;
  description?: string;
  /** Who decides: the target's approvers (user or group refs). */
  approvers: string[];
  /** Allowed durations, as written in config (`30m`, `1h`, `4h`, `1d`). */
  durations: string[];
};

/** An access request and, once approved, its grant. */
export type AccessRequest = {
  id: string;
  /** The user asking, as an entity ref. */
  requester: string;
  targetId: string;
  target: TemporaryGrantTarget;
  /** As chosen from the target's allowed list, e.g. `4h`. */
  duration: string;
  reason: string;
  status: AccessRequestStatus;
  createdAt: string;
  /** The approval request that decides it. */
  approvalId?: string;
  /** Who approved or rejected, when, and with what comment. */
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
  /** Set once granted. */
  grantedAt?: string;
  expiresAt?: string;
  /** Set once revoked. */
  revokedBy?: string;
  revokedAt?: string;
  revokeReason?: string;
};

/** A page of requests, newest first. */
export type AccessRequestPage = {
  items: AccessRequest[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
};

/** The `kind` of the approval requests this plugin opens. */
export const accessRequestApprovalKind = 'access-request';

/** The resource type of access requests, for conditional permissions. */
export const ACCESS_REQUEST_RESOURCE_TYPE = 'access-request';
