import { CostEstimate } from './costEstimate';
import { GuardrailResult } from './guardrails';
import { PlanReviewDocument } from './planReview';
import {
  InfraEnvironment,
  InfraParameters,
  InfraResourceKind,
} from './parameters';

/** Whether a request creates (or updates) a resource, or destroys it. */
export type InfraOperation = 'create' | 'destroy';

/**
 * Where a provisioning request stands:
 * `planning → planned → awaiting_approval → approved → applying → applied | failed`, or it ends in
 * `rejected`, `expired` or `cancelled` with its approval, or `superseded` when it had to be
 * planned again (stale plan or hash mismatch) and a new request replaced it.
 */
export type InfraRequestStatus =
  | 'planning'
  | 'planned'
  | 'awaiting_approval'
  | 'approved'
  | 'applying'
  | 'applied'
  | 'failed'
  | 'rejected'
  | 'expired'
  | 'cancelled'
  | 'superseded';

/** The statuses of a request that has not reached its end yet: it may still apply. */
export const OPEN_INFRA_REQUEST_STATUSES: readonly InfraRequestStatus[] = [
  'planning',
  'planned',
  'awaiting_approval',
  'approved',
  'applying',
];

/** How the approval of a request was decided: by whom, when and with what comment. */
export type InfraRequestDecision = {
  /** The approval's outcome. */
  status: 'approved' | 'rejected' | 'expired' | 'cancelled';
  /** Who decided (the last approver, the rejecter, the canceller); none for an expiry. */
  actorRef?: string;
  comment?: string;
  decidedAt: string;
};

/** A provisioning request as the API returns it. */
export type InfraRequest = {
  id: string;
  operation: InfraOperation;
  kind: InfraResourceKind;
  /** The resource the request creates or destroys. */
  resourceId: string;
  resourceName: string;
  environment: InfraEnvironment;
  requesterRef: string;
  ownerRef: string;
  systemRef?: string;
  justification: string;
  parameters: InfraParameters;
  status: InfraRequestStatus;
  /** The approval request that gates the apply, once one is linked. */
  approvalId?: string;
  /**
   * The users and groups the linked approval was opened with (its approvers). The infra
   * backend always sets it, empty until an approval is linked.
   */
  approverRefs?: string[];
  /** sha256 of the saved plan file, what approvers approve. */
  planHash?: string;
  /** The plan review: counts, attribute diffs and changed outputs, sensitive values masked. */
  planSummary?: PlanReviewDocument;
  /** The guardrails' results on the plan, once planned. */
  guardrails?: GuardrailResult[];
  /** The estimated monthly cost of the plan at list price, once planned. */
  costEstimate?: CostEstimate;
  /** Non-sensitive outputs after a successful apply. */
  outputs?: Record<string, unknown>;
  error?: string;
  /** How its approval was decided, once it was. */
  decision?: InfraRequestDecision;
  /** When planned again, the request that replaced this one. */
  supersededBy?: string;
  createdAt: string;
  updatedAt: string;
  applyStartedAt?: string;
  appliedAt?: string;
};

/** A provisioned (or being destroyed) resource. */
export type InfraResource = {
  id: string;
  kind: InfraResourceKind;
  name: string;
  environment: InfraEnvironment;
  ownerRef: string;
  systemRef?: string;
  status: 'pending' | 'active' | 'destroyed';
  outputs: Record<string, unknown>;
  /** The request that last changed it. */
  lastRequestId: string;
  /** The create request whose apply made it; set by `GET /resources/:id`. */
  createdByRequestId?: string;
  /** Its destroy request while one is open (planning, waiting or applying); set by `GET /resources/:id`. */
  openDestroyRequest?: { id: string; status: InfraRequestStatus };
  createdAt: string;
  updatedAt: string;
};

/** One line of a request's Terraform log. */
export type InfraLogLine = {
  seq: number;
  stream: 'stdout' | 'stderr' | 'gantry';
  line: string;
  createdAt: string;
};

/** A page of items with the cursor of the next page, if any. */
export type InfraPage<T> = { items: T[]; nextCursor?: string };

/** Whether the infra backend can run Terraform, as `GET /health` answers it. */
export type InfraHealth = {
  terraform:
    | { available: true; binary: string; version: string }
    | { available: false; binary: string; message: string };
};
