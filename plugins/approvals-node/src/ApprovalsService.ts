import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  ApprovalRequest,
  CreateApprovalRequest,
  CreateApprovalRequestFor,
} from '@internal/plugin-approvals-common';

/** How a consumer's execution of an approved request is going. */
export type ApprovalExecutionReport = {
  status: 'executing' | 'completed' | 'failed';
  comment?: string;
};

/**
 * What other backend plugins use to ask for approval. Decisions reach them as events on
 * `APPROVALS_EVENTS_TOPIC`, from whichever replica took the decision.
 */
export interface ApprovalsService {
  /**
   * Opens a request on behalf of a user. The user becomes the requester; the calling
   * plugin is recorded as its creator.
   */
  createRequest(
    input: CreateApprovalRequest,
    options: { credentials: BackstageCredentials<BackstageUserPrincipal> },
  ): Promise<ApprovalRequest>;

  /**
   * Opens a request as the calling plugin for a user who asked earlier and is not present
   * now (e.g. a plan that went stale and must be approved again). The user is the requester.
   */
  createRequestFor(input: CreateApprovalRequestFor): Promise<ApprovalRequest>;

  /** Reads a request as the calling plugin (service principal). */
  getRequest(id: string): Promise<ApprovalRequest>;

  /**
   * Withdraws a pending request this plugin opened, with the reason (e.g. the user cancelled
   * what it was for). It ends `cancelled`, as when its requester cancels it; a request that
   * was decided meanwhile answers 409 (ConflictError).
   */
  withdrawRequest(
    id: string,
    options: { comment: string },
  ): Promise<ApprovalRequest>;

  /**
   * Reports execution of an approved request this plugin opened: `executing` once (single
   * use), then `completed` or `failed`. Another plugin's request answers 403.
   */
  reportExecution(
    id: string,
    report: ApprovalExecutionReport,
  ): Promise<ApprovalRequest>;
}
