/** Where an approval request stands. */
export type ApprovalStatus =
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'cancelled'
  | 'executing'
  | 'completed'
  | 'failed';

/** A link shown on the request page, for example to the consumer's own page. */
export type ApprovalLink = { title: string; url: string };

/** One entry of a request's history: its creation, each vote and each change of status. */
export type ApprovalHistoryEntry = {
  type:
    | 'created'
    | 'approve'
    | 'reject'
    | 'cancelled'
    | 'expired'
    | 'approved'
    | 'executing'
    | 'completed'
    | 'failed';
  actorRef?: string;
  comment?: string;
  createdAt: string;
};

/** An approval request, as the API returns it. */
export type ApprovalRequest = {
  id: string;
  kind: string;
  title: string;
  summary?: string;
  status: ApprovalStatus;
  requesterRef: string;
  onBehalfOfRef?: string;
  /** The plugin that created the request on the requester's behalf, e.g. `plugin:scaffolder`. */
  createdBy: string;
  approvers: { users: string[]; groups: string[] };
  quorum: number;
  expiresAt: string;
  payload: unknown;
  /** sha256 over the canonical JSON of `payload`, computed by the server. */
  payloadHash: string;
  details?: Record<string, unknown>;
  links: ApprovalLink[];
  createdAt: string;
  updatedAt: string;
  /** Distinct people who approved so far. */
  approvals: number;
  /** Filled on `GET /requests/:id` and the decision and cancel answers; lists leave it empty. */
  history: ApprovalHistoryEntry[];
  /** What the caller may do with this request; filled where `history` is. */
  viewer?: ApprovalViewer;
};

/** The caller's relation to a request, so the UI shows only the actions the server allows. */
export type ApprovalViewer = {
  isRequester: boolean;
  isApprover: boolean;
  hasVoted: boolean;
  canDecide: boolean;
  canCancel: boolean;
};

/** Counts for the sidebar badge. */
export type ApprovalsSummary = { pendingAssignedToMe: number };

/** A page of requests with the cursor of the next page, if any. */
export type ApprovalRequestPage = {
  items: ApprovalRequest[];
  nextCursor?: string;
};
/** The signals channel the approvals backend publishes request changes on. */
export const APPROVALS_SIGNAL_CHANNEL = 'gantry-approvals';

/** What the approvals backend publishes when a request changes. */
export type ApprovalsSignal = { requestId: string; status: string };
