import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { InfraRequestFilter } from '@internal/plugin-infra-node';
import {
  InfraEnvironment,
  InfraLogLine,
  InfraOperation,
  InfraPage,
  InfraParameters,
  InfraRequest,
  InfraRequestDecision,
  InfraRequestStatus,
  InfraResource,
  InfraResourceKind,
  CostEstimate,
  GuardrailResult,
  PlanReviewDocument,
} from '@internal/plugin-infra-common';

/** A request about to be planned. */
export type NewInfraRequest = {
  operation: InfraOperation;
  kind: InfraResourceKind;
  resourceName: string;
  environment: InfraEnvironment;
  requesterRef: string;
  ownerRef: string;
  systemRef?: string;
  justification: string;
  parameters: InfraParameters;
};

/** Fields a status change may set alongside the status. */
export type InfraRequestPatch = Partial<{
  approvalId: string;
  /**
   * The approvers (user and group refs) of the approval being linked; replaces the
   * request's approvers, in the same transaction as the status change.
   */
  approverRefs: string[];
  planHash: string;
  planSummary: PlanReviewDocument;
  guardrails: GuardrailResult[];
  costEstimate: CostEstimate;
  /** How the request's approval was decided. */
  decision: InfraRequestDecision;
  planFile: Buffer;
  outputs: Record<string, unknown>;
  error: string | null;
  supersededBy: string;
  applyStartedAt: Date;
  appliedAt: Date;
}>;

/** Permission conditions on requests, applied as SQL. Undefined means unconditionally allowed. */
export type InfraRequestConditions = PermissionCriteria<InfraRequestFilter>;

/** Paging and filters for request lists; filters run in SQL. */
export type ListInfraRequestsOptions = {
  conditions?: InfraRequestConditions;
  requesterRef?: string;
  kind?: InfraResourceKind;
  statuses?: InfraRequestStatus[];
  limit: number;
  cursor?: string;
};

/** Paging and filters for resource lists; filters run in SQL. */
export type ListInfraResourcesOptions = {
  ownerRefs?: string[];
  kind?: InfraResourceKind;
  statuses?: InfraResource['status'][];
  limit: number;
  cursor?: string;
};

/** Where provisioning requests, resources and logs are kept. */
export interface InfraStore {
  /**
   * Opens a request in `planning`. A create also opens its resource in `pending`
   * (ConflictError when a live resource has the name); a destroy names an existing one.
   */
  createRequest(
    input: NewInfraRequest & { resourceId?: string },
    now: Date,
  ): Promise<InfraRequest>;
  getRequest(
    id: string,
    options?: { conditions?: InfraRequestConditions },
  ): Promise<InfraRequest | undefined>;
  /** The requests with these ids that exist, for the permission framework. */
  getRequests(ids: string[]): Promise<InfraRequest[]>;
  getRequestByApprovalId(approvalId: string): Promise<InfraRequest | undefined>;
  getPlanFile(id: string): Promise<Buffer | undefined>;
  listRequests(
    options: ListInfraRequestsOptions,
  ): Promise<InfraPage<InfraRequest>>;
  /** Ids of requests in one of `statuses`, oldest first. */
  listRequestIds(
    statuses: InfraRequestStatus[],
    limit: number,
  ): Promise<string[]>;
  /**
   * Moves a request from one of `from` to `to`, atomically: the update only happens when the
   * row is still in one of `from`. Returns the updated request, or undefined when it was not.
   */
  transition(
    id: string,
    from: InfraRequestStatus[],
    to: InfraRequestStatus,
    patch: InfraRequestPatch,
    now: Date,
    guard?: { claimedBy?: string },
  ): Promise<InfraRequest | undefined>;
  /**
   * Claims a request in `planning` for one worker: one nobody holds, or one whose worker
   * has not reported since `staleBefore`. Returns how many times it has been claimed,
   * this claim included, or undefined when another worker holds it.
   */
  claimPlan(
    id: string,
    claimer: string,
    now: Date,
    staleBefore: Date,
  ): Promise<number | undefined>;
  /**
   * Hands a plan `claimer` holds back to the queue, so that any worker claims it at once: for
   * a replica that stops before its plan finished. The claim does not count as an attempt.
   * False when the request is no longer planning under this claim.
   */
  releasePlan(id: string, claimer: string, now: Date): Promise<boolean>;
  /** Claims an approved request for one apply on one replica; false when already claimed. */
  claimApply(id: string, claimer: string, now: Date): Promise<boolean>;
  /** Plan and apply jobs a worker may claim now, oldest first. */
  listClaimableJobs(
    staleBefore: Date,
    limit: number,
  ): Promise<Array<{ id: string; job: 'plan' | 'apply' }>>;
  /** Reports that `claimer` still works on the request (planning or applying). */
  heartbeat(id: string, claimer: string, now: Date): Promise<void>;
  /** Ids of requests in `applying` whose replica has not reported since `before`. */
  listInterruptedApplies(before: Date): Promise<string[]>;
  /**
   * Frees the name of a resource that was never created: a pending resource becomes
   * `destroyed`. An active resource is left alone.
   */
  releaseName(resourceId: string, now: Date): Promise<void>;

  /** Is a request for this resource planning, waiting or applying? */
  hasOpenRequest(resourceId: string): Promise<boolean>;

  /** A resource with the request that created it and its open destroy request, if any. */
  getResource(id: string): Promise<InfraResource | undefined>;
  /** Resources that exist or existed: a name freed before any apply is not listed. */
  listResources(
    options: ListInfraResourcesOptions,
  ): Promise<InfraPage<InfraResource>>;
  updateResource(
    id: string,
    patch: Partial<Pick<InfraResource, 'status' | 'outputs' | 'lastRequestId'>>,
    now: Date,
  ): Promise<void>;

  appendLogs(
    requestId: string,
    lines: Array<Pick<InfraLogLine, 'stream' | 'line'>>,
    now: Date,
  ): Promise<void>;
  getLogs(
    requestId: string,
    options: { after: number; limit: number },
  ): Promise<InfraLogLine[]>;
}
