import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  ApprovalDecision,
  ApprovalRequest,
  ApprovalStatus,
} from '@internal/plugin-approvals-common';
import { ApprovalRequestFilter } from '@internal/plugin-approvals-node';

/** A request to store, with server-computed fields resolved. */
export type NewApprovalRequest = {
  kind: string;
  title: string;
  summary?: string;
  requesterRef: string;
  onBehalfOfRef?: string;
  createdBy: string;
  approvers: { users: string[]; groups: string[] };
  quorum: number;
  expiresAt: Date;
  payload: unknown;
  payloadHash: string;
  details?: Record<string, unknown>;
  links: { title: string; url: string }[];
};

/** Filters of a list query; `claims` are the caller's user and group refs. */
export type ListApprovalRequestsOptions = {
  userRef?: string;
  claims: string[];
  mine?: boolean;
  /** Requests the caller may decide on and has not voted on yet: their inbox. */
  assignedToMe?: boolean;
  status?: ApprovalStatus[];
  kind?: string;
  limit: number;
  cursor?: string;
  order: 'asc' | 'desc';
  /** Permission conditions, applied as SQL. Undefined means unconditionally allowed. */
  conditions?: PermissionCriteria<ApprovalRequestFilter>;
};

/** What a vote did to its request. */
export type DecisionOutcome =
  | { result: 'recorded'; request: ApprovalRequest }
  | { result: 'expired'; request: ApprovalRequest };

/** The approvals plugin's persistence; every query lives behind this interface. */
export interface ApprovalsStore {
  create(request: NewApprovalRequest, now: Date): Promise<ApprovalRequest>;
  get(
    id: string,
    options?: {
      conditions?: PermissionCriteria<ApprovalRequestFilter>;
      withHistory?: boolean;
    },
  ): Promise<ApprovalRequest | undefined>;
  getMany(ids: string[]): Promise<Array<ApprovalRequest | undefined>>;
  list(
    options: ListApprovalRequestsOptions,
  ): Promise<{ items: ApprovalRequest[]; nextCursor?: string }>;
  countPendingAssigned(options: {
    userRef: string;
    claims: string[];
    now: Date;
  }): Promise<number>;
  hasVoted(id: string, actorRef: string): Promise<boolean>;
  /**
   * Records a vote atomically: the request must be pending and unexpired, the actor must not
   * have voted. A rejection closes the request; enough approvals approve it. A request found
   * past its expiry is marked expired instead.
   */
  decide(
    id: string,
    actorRef: string,
    decision: ApprovalDecision,
    now: Date,
  ): Promise<DecisionOutcome>;
  cancel(
    id: string,
    actorRef: string,
    comment: string | undefined,
    now: Date,
  ): Promise<ApprovalRequest>;
  /** Moves an approved request through execution; `executing` is single-use. */
  reportExecution(
    id: string,
    report: {
      status: 'executing' | 'completed' | 'failed';
      comment?: string;
      actorRef: string;
    },
    now: Date,
  ): Promise<ApprovalRequest>;
  /** Expires pending requests past their expiry; returns those this call expired. */
  expireDue(now: Date, batchSize?: number): Promise<ApprovalRequest[]>;
}
