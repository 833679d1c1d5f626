import { NotFoundError } from '@backstage/errors';
import {
  ApprovalRequest,
  ApprovalStatus,
} from '@internal/plugin-approvals-common';
import { ApprovalsService } from '@internal/plugin-approvals-node';
import { randomUUID } from 'node:crypto';

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
    async withdrawRequest(): Promise<ApprovalRequest> {
      throw new Error('not used by this plugin');
    },
    reportExecution: jest.fn(
      async (id: string, report: { status: ApprovalStatus }) => {
        const request = { ...get(id), status: report.status };
        requests.set(id, request);
        return request;
      },
    ),
  } satisfies ApprovalsService;
  return {
    service,
    decide(id: string, status: ApprovalStatus) {
      requests.set(id, { ...get(id), status });
    },
  };
}
