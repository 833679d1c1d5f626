import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  AccessRequest,
  AccessRequestPage,
  AccessRequestStatus,
  AccessTarget,
} from '@internal/plugin-access-requests-common';
import { TemporaryGrant } from '@internal/plugin-rbac-common';
import { AccessRequestFilter } from '../permissions/permissionRules';

/** A new request, as the router checked it against its target. */
export type NewAccessRequest = {
  requester: string;
  targetId: string;
  target: AccessTarget['target'];
  duration: string;
  durationSeconds: number;
  reason: string;
};

/** The read decision of a caller as SQL conditions; undefined reads everything. */
export type AccessRequestConditions = PermissionCriteria<AccessRequestFilter>;

/** Fields a transition sets along with the status. */
export type AccessRequestPatch = Partial<
  Pick<
    AccessRequest,
    | 'decidedBy'
    | 'decidedAt'
    | 'decisionComment'
    | 'revokedBy'
    | 'revokedAt'
    | 'revokeReason'
  >
> & {
  /** Sets `grantedAt` and `expiresAt` = `grantedAt` + the requested duration. */
  grantedAt?: Date;
};

/** Options of {@link AccessRequestsStore.list}. */
export type ListAccessRequestsOptions = {
  /** Only this requester's. */
  requester?: string;
  status?: AccessRequestStatus;
  conditions?: AccessRequestConditions;
  limit: number;
  cursor?: string;
};

/** Where the access-requests plugin keeps its requests and grants. */
export interface AccessRequestsStore {
  /**
   * Records a pending request. A `ConflictError` when the requester already has a pending
   * or active request for the target.
   */
  create(input: NewAccessRequest, now: Date): Promise<AccessRequest>;
  /** Records the approval opened for a pending request. */
  linkApproval(id: string, approvalId: string): Promise<void>;
  /** Removes a pending request whose approval could not be opened. */
  discard(id: string): Promise<void>;
  get(
    id: string,
    options?: { conditions?: AccessRequestConditions },
  ): Promise<AccessRequest | undefined>;
  /** In the order of `ids`, for the permission framework's `getResources`. */
  getMany(ids: string[]): Promise<Array<AccessRequest | undefined>>;
  getByApprovalId(approvalId: string): Promise<AccessRequest | undefined>;
  /** Newest first, a page at a time, filtered in SQL. */
  list(options: ListAccessRequestsOptions): Promise<AccessRequestPage>;
  /**
   * Compare-and-set: moves the request from `from` to `to` with `patch`, only when it is
   * still in `from`. Returns the moved request, or undefined when another caller won.
   */
  transition(
    id: string,
    from: AccessRequestStatus,
    to: AccessRequestStatus,
    patch: AccessRequestPatch,
    now: Date,
  ): Promise<AccessRequest | undefined>;
  /** Active grants whose `expiresAt` is at or before `now`, oldest first. */
  listDue(now: Date, limit: number): Promise<AccessRequest[]>;
  /** Pending requests, oldest first, for the approval sweep. */
  listPending(limit: number): Promise<AccessRequest[]>;
  /** The grants in force at `now`: active and not yet expired. */
  listActiveGrants(now: Date): Promise<TemporaryGrant[]>;
}
