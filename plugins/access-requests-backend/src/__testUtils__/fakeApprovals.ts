import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ApprovalHistoryEntry,
  ApprovalRequest,
  ApprovalStatus,
} from '@internal/plugin-approvals-common';
import { ApprovalsService } from '@internal/plugin-approvals-node';
import { randomUUID } from 'node:crypto';

// The moves the approvals backend allows for a consumer's execution report.
const EXECUTION_FROM: Record<string, ApprovalStatus[]> = {
  executing: ['approved'],
  completed: ['executing'],
  failed: ['approved', 'executing'],
};

// The history entry a decision leaves, as the approvals backend writes it.
const DECISION_ENTRY: Partial<
  Record<ApprovalStatus, ApprovalHistoryEntry['type']>
> = {
  approved: 'approve',
  rejected: 'reject',
  expired: 'expired',
  cancelled: 'cancelled',
};

/**
 * An in-memory stand-in for the approvals backend: it keeps the requests this plugin
 * opens, and a test decides them with `decide`.
 */
export function fakeApprovals() {
  const requests = new Map<string, ApprovalRequest>();
  const get = (id: string) => {
    const request = requests.get(id);
    if (!request) throw new NotFoundError(`No approval request ${id}`);
    return request;
  };
  /** Decides a request as `actorRef` would, leaving the history entry the backend writes. */
  const decide = (
    id: string,
    status: ApprovalStatus,
    actorRef?: string,
    comment?: string,
  ) => {
    const current = get(id);
    const type = DECISION_ENTRY[status];
    const createdAt = new Date().toISOString();
    requests.set(id, {
      ...current,
      status,
      updatedAt: createdAt,
      history: type
        ? [...current.history, { type, actorRef, comment, createdAt }]
        : current.history,
    });
  };
  const service = {
    createRequest: jest.fn<
      ReturnType<ApprovalsService['createRequest']>,
      Parameters<ApprovalsService['createRequest']>
    >(async (input, { credentials }) => {
      const now = new Date().toISOString();
      const request: ApprovalRequest = {
        id: randomUUID(),
        kind: input.kind,
        title: input.title,
        summary: input.summary,
        status: 'pending',
        requesterRef: credentials.principal.userEntityRef,
        createdBy: 'plugin:test',
        approvers: {
          users: input.approvers.users ?? [],
          groups: input.approvers.groups ?? [],
        },
        quorum: input.quorum ?? 1,
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
        payload: input.payload,
        payloadHash: 'not-computed-by-the-fake',
        links: [],
        createdAt: now,
        updatedAt: now,
        approvals: 0,
        history: [],
      };
      requests.set(request.id, request);
      return request;
    }),
    async createRequestFor(): Promise<ApprovalRequest> {
      throw new Error('not used by this plugin');
    },
    getRequest: jest.fn(async (id: string) => get(id)),
    withdrawRequest: jest.fn(
      async (id: string, options: { comment: string }) => {
        const current = get(id);
        if (current.status !== 'pending') {
          throw new ConflictError(
            `Only a pending request can be cancelled; this one is ${current.status}`,
          );
        }
        decide(id, 'cancelled', current.createdBy, options.comment);
        return get(id);
      },
    ),
    reportExecution: jest.fn(
      async (id: string, report: { status: ApprovalStatus }) => {
        const current = get(id);
        if (!EXECUTION_FROM[report.status]?.includes(current.status)) {
          throw new ConflictError(
            `Cannot move a ${current.status} request to ${report.status}`,
          );
        }
        const request = { ...current, status: report.status };
        requests.set(id, request);
        return request;
      },
    ),
  } satisfies ApprovalsService;
  return {
    service,
    decide,
    get,
  };
}
