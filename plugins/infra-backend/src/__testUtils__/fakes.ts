import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  ApprovalHistoryEntry,
  ApprovalRequest,
  ApprovalStatus,
  CreateApprovalRequest,
} from '@internal/plugin-approvals-common';
import {
  ApprovalExecutionReport,
  ApprovalsService,
} from '@internal/plugin-approvals-node';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The Terraform CLI test double; see terraform-node's fake-terraform/README.md. */
export const FAKE_TERRAFORM = resolve(
  __dirname,
  '../../../terraform-node/src/__fixtures__/fake-terraform/terraform',
);

/**
 * How many times the double, logging to `argvLog` (FAKE_TERRAFORM_ARGV_LOG), ran `command`
 * on a request's plan file; with `pathPart`, only in workspaces whose path holds it.
 */
export function cliRunsOf(
  argvLog: string,
  command: string,
  requestId: string,
  pathPart?: string,
): number {
  if (!existsSync(argvLog)) return 0;
  return readFileSync(argvLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line) as string[])
    .filter(
      argv =>
        argv[0] === command &&
        argv.some(
          arg =>
            arg.includes(`${requestId}.tfplan`) &&
            (!pathPart || arg.includes(pathPart)),
        ),
    ).length;
}

/**
 * The pids of the double's processes, logging to `pidLog` (FAKE_TERRAFORM_PID_LOG), that ran
 * `command` on a request's plan file.
 */
export function cliPidsOf(
  pidLog: string,
  command: string,
  requestId: string,
): number[] {
  if (!existsSync(pidLog)) return [];
  return readFileSync(pidLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line) as { pid: number; argv: string[] })
    .filter(
      ({ argv }) =>
        argv[0] === command &&
        argv.some(arg => arg.includes(`${requestId}.tfplan`)),
    )
    .map(({ pid }) => pid);
}

/** Whether a process with this pid exists (one exited but not yet reaped counts). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** The repository's Terraform modules. */
export const MODULES_DIR = resolve(__dirname, '../../../../terraform/modules');

// Where execution reports may come from, as the approvals backend enforces it.
const EXECUTION_FROM: Record<
  ApprovalExecutionReport['status'],
  ApprovalStatus[]
> = {
  executing: ['approved'],
  completed: ['executing'],
  failed: ['approved', 'executing'],
};

/**
 * An in-memory approvals service: what createRequest/createRequestFor open, getRequest
 * returns; tests decide with {@link ApprovalsFake.setStatus}. Execution reports follow the
 * approvals backend's rules (a ConflictError otherwise), so a wrong report shows up.
 */
export function createApprovalsFake() {
  const approvals = new Map<string, ApprovalRequest>();

  function open(
    input: CreateApprovalRequest,
    requesterRef: string,
  ): ApprovalRequest {
    const now = new Date().toISOString();
    const approval: ApprovalRequest = {
      id: randomUUID(),
      kind: input.kind,
      title: input.title,
      summary: input.summary,
      status: 'pending',
      requesterRef,
      onBehalfOfRef: input.onBehalfOfRef,
      createdBy: 'plugin:infra',
      approvers: {
        users: input.approvers.users ?? [],
        groups: input.approvers.groups ?? [],
      },
      quorum: input.quorum ?? 1,
      expiresAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
      payload: structuredClone(input.payload),
      payloadHash: 'test',
      details: input.details,
      links: [],
      createdAt: now,
      updatedAt: now,
      approvals: 0,
      history: [],
    };
    approvals.set(approval.id, approval);
    return structuredClone(approval);
  }

  function get(id: string) {
    const approval = approvals.get(id);
    if (!approval) throw new NotFoundError(`No approval request ${id}`);
    return approval;
  }

  const service = {
    createRequest: jest.fn<
      ReturnType<ApprovalsService['createRequest']>,
      Parameters<ApprovalsService['createRequest']>
    >(async (input, { credentials }) =>
      open(input, credentials.principal.userEntityRef),
    ),
    createRequestFor: jest.fn<
      ReturnType<ApprovalsService['createRequestFor']>,
      Parameters<ApprovalsService['createRequestFor']>
    >(async input => open(input, input.requesterRef)),
    getRequest: jest.fn<
      ReturnType<ApprovalsService['getRequest']>,
      Parameters<ApprovalsService['getRequest']>
    >(async id => structuredClone(get(id))),
    withdrawRequest: jest.fn<
      ReturnType<ApprovalsService['withdrawRequest']>,
      Parameters<ApprovalsService['withdrawRequest']>
    >(async () => {
      throw new Error('infra does not withdraw approvals');
    }),
    reportExecution: jest.fn<
      ReturnType<ApprovalsService['reportExecution']>,
      Parameters<ApprovalsService['reportExecution']>
    >(async (id, report) => {
      const approval = get(id);
      if (!EXECUTION_FROM[report.status].includes(approval.status)) {
        throw new ConflictError(
          `Cannot move a ${approval.status} request to ${report.status}`,
        );
      }
      approval.status = report.status;
      return structuredClone(approval);
    }),
  };

  return {
    service: service satisfies ApprovalsService,
    approvals,
    get,
    /**
     * Decides (or otherwise moves) an approval, as the approvals backend would, with the
     * history entry of the decision (a vote, with its actor and comment) when given.
     */
    setStatus(
      id: string,
      status: ApprovalStatus,
      entry?: ApprovalHistoryEntry,
    ) {
      const approval = get(id);
      approval.status = status;
      approval.updatedAt = new Date().toISOString();
      if (entry) approval.history.push(entry);
    },
    /** The statuses reported for an approval, in order. */
    reportsOf(id: string) {
      return service.reportExecution.mock.calls
        .filter(([reported]) => reported === id)
        .map(([, report]) => report.status);
    },
  };
}

/** What {@link createApprovalsFake} returns. */
export type ApprovalsFake = ReturnType<typeof createApprovalsFake>;

type RecordedAuditEvent = {
  eventId: string;
  meta?: JsonObject;
  success: jest.Mock;
  fail: jest.Mock;
};

/** An auditor mock that keeps every event it opened, to check their outcomes. */
export function createRecordingAuditor() {
  const events: RecordedAuditEvent[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async options => {
      const event: RecordedAuditEvent = {
        eventId: options.eventId,
        meta: options.meta,
        success: jest.fn(async () => {}),
        fail: jest.fn(async () => {}),
      };
      events.push(event);
      return event;
    }),
  });
  return {
    auditor,
    events,
    /** `success`, `fail` or `open` for each event with this id, in order. */
    outcomes(eventId: string) {
      return events
        .filter(e => e.eventId === eventId)
        .map(e => {
          if (e.success.mock.calls.length > 0) return 'success';
          if (e.fail.mock.calls.length > 0) return 'fail';
          return 'open';
        });
    },
  };
}
