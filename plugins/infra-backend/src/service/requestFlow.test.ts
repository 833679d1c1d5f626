import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  INFRA_APPROVAL_KIND,
  InfraRequest,
} from '@internal/plugin-infra-common';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformRunner } from '@internal/plugin-terraform-node';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import {
  ApprovalsFake,
  FAKE_TERRAFORM,
  MODULES_DIR,
  createApprovalsFake,
  cliRunsOf,
  createRecordingAuditor,
} from '../__testUtils__/fakes';
import { userEntity } from '@internal/plugin-api-node/testUtils';
import { DatabaseInfraStore } from '../database/DatabaseInfraStore';
import { NewInfraRequest } from '../database/InfraStore';
import { approvalPayloadOf } from './approvalPayload';
import { systemClock } from './clock';
import { createInfraServices } from './infraServices';
import { DEFAULT_JOB_WORKER_SETTINGS } from './JobWorker';
import { Workspaces } from './Workspaces';

jest.setTimeout(60_000);
chmodSync(FAKE_TERRAFORM, 0o755);

const { databases, describeEach } = createTestDatabases();

const DEV = 'user:default/dev';
const PAYMENTS = 'group:default/team-payments';
// A secret-looking variable the runner must keep out of the logs.
const SECRET = 'hunter2-very-secret';

const APPROVERS = 'group:default/approvers';
const STALE_AFTER_MS = 60_000;

describeEach('Request flow (plan, approval, apply jobs) on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseInfraStore;
  let workDir: string;
  let workspaces: Workspaces;
  let argvLog: string;
  let approvals: ApprovalsFake;
  let audit: ReturnType<typeof createRecordingAuditor>;
  let signals: { publish: jest.Mock };
  let events: { publish: jest.Mock; subscribe: jest.Mock };
  let notifications: { send: jest.Mock };
  let logger: ReturnType<typeof mockServices.logger.mock>;
  let names = 0;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    store = await DatabaseInfraStore.create({
      database: mockServices.database({ knex }),
    });
  });

  beforeEach(async () => {
    // Each test starts on empty tables, so a sweep or a worker sees only its own requests.
    await knex('infra_logs').delete();
    await knex('infra_requests').delete();
    await knex('infra_resources').delete();
    workDir = mkdtempSync(join(tmpdir(), 'gantry-infra-'));
    workspaces = new Workspaces(join(workDir, 'workspaces'));
    argvLog = join(workDir, 'argv.jsonl');
    approvals = createApprovalsFake();
    audit = createRecordingAuditor();
    signals = { publish: jest.fn(async () => {}) };
    events = { publish: jest.fn(async () => {}), subscribe: jest.fn() };
    notifications = { send: jest.fn(async () => {}) };
    logger = mockServices.logger.mock();
  });

  afterEach(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  function provisioner(
    options: {
      env?: Record<string, string>;
      memberOf?: string[];
      instanceId?: string;
      quorum?: number;
    } = {},
  ) {
    return createFlow({
      instanceId: options.instanceId ?? 'replica-1',
      services: createInfraServices({
        store,
        runner: new TerraformRunner({
          binary: FAKE_TERRAFORM,
          timeoutMs: 20_000,
          env: {
            FAKE_TERRAFORM_ARGV_LOG: argvLog,
            AWS_SECRET_ACCESS_KEY: SECRET,
            ...options.env,
          },
        }),
        workspaces,
        terraform: {
          modulesDir: MODULES_DIR,
          regionOf: environment =>
            environment === 'prod' ? 'eu-central-1' : 'eu-west-1',
          stateBackend: 'local',
        },
        policy: { approverGroups: [APPROVERS], quorum: options.quorum ?? 1 },
        jobs: {
          ...DEFAULT_JOB_WORKER_SETTINGS,
          pollIntervalMs: 50,
          heartbeatMs: 200,
          staleAfterMs: STALE_AFTER_MS,
        },
        approvals: approvals.service,
        catalog: catalogServiceMock({
          entities: [userEntity('dev', options.memberOf ?? ['team-payments'])],
        }),
        auth: mockServices.auth(),
        auditor: audit.auditor,
        signals,
        events,
        notifications,
        logger,
        clock: systemClock,
        instanceId: options.instanceId ?? 'replica-1',
      }),
    });
  }

  /** The wired services, with each job run in the foreground the way a worker runs it. */
  function createFlow({
    services,
    instanceId,
  }: {
    services: ReturnType<typeof createInfraServices>;
    instanceId: string;
  }) {
    return {
      ...services,
      /** Claims and runs the plan job; the planner opens the approval. */
      async plan(request: InfraRequest) {
        expect(
          await store.claimPlan(
            request.id,
            instanceId,
            new Date(),
            new Date(0),
          ),
        ).toBeDefined();
        await services.planner.run(request.id, instanceId);
        return (await store.getRequest(request.id))!;
      },
      onApprovalStatus: (approvalId: string) =>
        services.tracker.follow(approvalId),
      /** Claims and runs the apply job; false when the claim was refused. */
      async dispatch(requestId: string) {
        if (!(await store.claimApply(requestId, instanceId, new Date()))) {
          return false;
        }
        await services.applier.run(requestId, instanceId);
        return true;
      },
    };
  }

  type Flow = ReturnType<typeof provisioner>;

  const uniqueName = () => `bucket-${databaseId.toLowerCase()}-${++names}`;

  function newRequest(
    overrides: Partial<NewInfraRequest & { resourceId: string }> = {},
  ) {
    return store.createRequest(
      {
        operation: 'create',
        kind: 's3-bucket',
        resourceName: uniqueName(),
        environment: 'dev',
        requesterRef: DEV,
        ownerRef: PAYMENTS,
        justification: 'Receipts for the payments service',
        parameters: { versioning: true },
        ...overrides,
      },
      new Date(),
    );
  }

  /** Runs the plan job, which opens the approval on the requester's behalf. */
  async function planned(p: Flow, request?: InfraRequest) {
    const linked = await p.plan(request ?? (await newRequest()));
    expect(linked.status).toBe('awaiting_approval');
    return linked;
  }

  /** A planned request whose approval could not be opened (approvals unreachable). */
  async function plannedWithoutApproval(p: Flow) {
    approvals.service.createRequestFor.mockRejectedValueOnce(
      new Error('approvals unreachable'),
    );
    const request = await p.plan(await newRequest());
    expect(request.status).toBe('planned');
    return request;
  }

  /** Plans (unless already waiting), approves and follows the decision. */
  async function approved(p: Flow, request?: InfraRequest) {
    const linked =
      request?.status === 'awaiting_approval'
        ? request
        : await planned(p, request);
    approvals.setStatus(linked.approvalId!, 'approved');
    await p.onApprovalStatus(linked.approvalId!);
    const after = (await store.getRequest(linked.id))!;
    expect(after.status).toBe('approved');
    return after;
  }

  async function waitFor(
    condition: () => Promise<boolean>,
    timeoutMs = 20_000,
  ) {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('Timed out waiting');
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }

  const statePath = (request: InfraRequest) =>
    workspaces.statePathOf(request.resourceId);

  /** How many times the CLI ran `command` for this request's plan file. */
  const cliRuns = (command: string, request: InfraRequest) =>
    cliRunsOf(argvLog, command, request.id);

  async function logLines(requestId: string) {
    return (await store.getLogs(requestId, { after: 0, limit: 1000 })).map(
      l => l.line,
    );
  }

  it('plans, opens the approval for the requester, and applies an S3 bucket once approved', async () => {
    const p = provisioner();
    const created = await newRequest();
    const name = created.resourceName;

    const plannedRequest = await p.plan(created);
    expect(plannedRequest.status).toBe('awaiting_approval');
    expect(plannedRequest.planHash).toMatch(/^[0-9a-f]{64}$/);
    expect(plannedRequest.planSummary!.add).toBeGreaterThanOrEqual(1);
    expect(plannedRequest.planSummary).toMatchObject({
      change: 0,
      destroy: 0,
    });
    expect(plannedRequest.planSummary!.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          address: 'module.resource.aws_s3_bucket.this',
          type: 'aws_s3_bucket',
          action: 'create',
          // What approvers will see set: the attribute diff.
          diff: expect.objectContaining({
            change: 'added',
            children: expect.arrayContaining([
              {
                key: 'bucket',
                change: 'added',
                after: { type: 'value', value: name },
              },
            ]),
          }),
        }),
      ]),
    );
    // The stored plan is the one hashed.
    const bytes = await store.getPlanFile(created.id);
    expect(createHash('sha256').update(bytes!).digest('hex')).toBe(
      plannedRequest.planHash,
    );
    expect(audit.outcomes('infra-request-plan')).toEqual(['success']);

    const linked = plannedRequest;
    expect(linked.approvalId).toBeDefined();
    // The plan ran as a job: the approval opens on the requester's behalf.
    expect(approvals.service.createRequestFor).toHaveBeenCalledTimes(1);
    expect(approvals.service.createRequest).not.toHaveBeenCalled();
    const [input] = approvals.service.createRequestFor.mock.calls[0];
    expect(input).toMatchObject({
      kind: INFRA_APPROVAL_KIND,
      requesterRef: DEV,
      onBehalfOfRef: PAYMENTS,
      approvers: { groups: [APPROVERS] },
      quorum: 1,
      payload: {
        infraRequestId: created.id,
        planHash: plannedRequest.planHash,
        operation: 'create',
        kind: 's3-bucket',
        name,
        environment: 'dev',
        parameters: { versioning: true },
      },
      details: { planSummary: plannedRequest.planSummary },
    });
    expect(audit.outcomes('infra-approval-requested')).toEqual(['success']);
    expect(notifications.send).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: [DEV] },
        payload: expect.objectContaining({
          title: expect.stringMatching(/waiting for approval$/),
          link: `/infra/requests/${created.id}`,
        }),
      }),
    );

    // Following the approval before a decision changes nothing.
    await p.onApprovalStatus(linked.approvalId!);
    expect((await store.getRequest(created.id))!.status).toBe(
      'awaiting_approval',
    );

    approvals.setStatus(linked.approvalId!, 'approved', {
      type: 'approve',
      actorRef: 'user:default/alan',
      comment: 'Fine',
      createdAt: '2026-11-29T09:00:00.000Z',
    });
    await p.onApprovalStatus(linked.approvalId!);
    expect((await store.getRequest(created.id))!).toMatchObject({
      status: 'approved',
      decision: {
        status: 'approved',
        actorRef: 'user:default/alan',
        comment: 'Fine',
        decidedAt: '2026-11-29T09:00:00.000Z',
      },
    });
    expect(audit.outcomes('infra-request-approved')).toEqual(['success']);

    expect(await p.dispatch(created.id)).toBe(true);
    const applied = (await store.getRequest(created.id))!;
    expect(applied).toMatchObject({
      status: 'applied',
      outputs: {
        bucket_name: name,
        bucket_arn: `arn:aws:s3:::${name}`,
        region: 'eu-west-1',
      },
    });
    expect(applied.appliedAt).toBeDefined();
    expect(applied.error).toBeUndefined();
    expect(cliRuns('apply', created)).toBe(1);

    const resource = (await store.getResource(created.resourceId))!;
    expect(resource).toMatchObject({
      status: 'active',
      name,
      outputs: { bucket_name: name },
      lastRequestId: created.id,
      createdByRequestId: created.id,
    });
    expect(resource.openDestroyRequest).toBeUndefined();
    expect(approvals.reportsOf(linked.approvalId!)).toEqual([
      'executing',
      'completed',
    ]);
    expect(approvals.get(linked.approvalId!).status).toBe('completed');
    expect(events.publish).toHaveBeenCalledWith({
      topic: 'gantry.infra',
      eventPayload: {
        resourceId: created.resourceId,
        requestId: created.id,
        status: 'active',
      },
    });
    expect(signals.publish).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: { type: 'user', entityRef: DEV },
        channel: 'gantry-infra',
        message: { requestId: created.id, status: 'applied' },
      }),
    );
    expect(audit.outcomes('infra-request-apply')).toEqual(['success']);

    const lines = await logLines(created.id);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Planning create of s3-bucket /),
        expect.stringMatching(/^Plan: 2 to add, 0 to change, 0 to destroy/),
        expect.stringMatching(/^Apply complete! /),
        'Apply complete',
      ]),
    );
    expect(lines.join('\n')).not.toContain(SECRET);
    // The workspace keeps the state, not the plan file.
    expect(existsSync(statePath(created))).toBe(true);
    expect(
      existsSync(workspaces.planPathOf(created.resourceId, created.id)),
    ).toBe(false);
  });

  it('applies once when two replicas dispatch the same request', async () => {
    const request = await approved(provisioner());
    const results = await Promise.all([
      provisioner({ instanceId: 'replica-1' }).dispatch(request.id),
      provisioner({ instanceId: 'replica-2' }).dispatch(request.id),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(results.filter(r => !r)).toHaveLength(1);
    expect((await store.getRequest(request.id))!.status).toBe('applied');
    expect(cliRuns('apply', request)).toBe(1);
    expect(approvals.reportsOf(request.approvalId!)).toEqual([
      'executing',
      'completed',
    ]);
    // And a later dispatch does nothing.
    expect(await provisioner().dispatch(request.id)).toBe(false);
    expect(cliRuns('apply', request)).toBe(1);
  });

  it('does not apply a request whose approval is still pending', async () => {
    const p = provisioner();
    const request = await planned(p);
    expect(request.status).toBe('awaiting_approval');
    expect(await p.dispatch(request.id)).toBe(false);
    expect((await store.getRequest(request.id))!.status).toBe(
      'awaiting_approval',
    );
    expect(existsSync(statePath(request))).toBe(false);
    expect(cliRuns('apply', request)).toBe(0);
    expect(approvals.service.reportExecution).not.toHaveBeenCalled();
  });

  it('does not link an approval for another plan hash', async () => {
    const p = provisioner();
    const request = await plannedWithoutApproval(p);
    const forged = await approvals.service.createRequestFor({
      kind: INFRA_APPROVAL_KIND,
      title: 'Create',
      approvers: { groups: [APPROVERS] },
      payload: { ...approvalPayloadOf(request), planHash: 'f'.repeat(64) },
      requesterRef: DEV,
    });
    expect(await p.tracker.link(forged)).toBeUndefined();
    expect(audit.outcomes('infra-approval-link')).toEqual(['fail']);

    // Not even once approved.
    approvals.setStatus(forged.id, 'approved');
    await p.onApprovalStatus(forged.id);
    const after = (await store.getRequest(request.id))!;
    expect(after.status).toBe('planned');
    expect(after.approvalId).toBeUndefined();
    expect(audit.outcomes('infra-approval-link')).toEqual(['fail', 'fail']);

    // Nor one opened by someone else for the right hash.
    const foreign = await approvals.service.createRequestFor({
      kind: INFRA_APPROVAL_KIND,
      title: 'Create',
      approvers: { groups: [APPROVERS] },
      payload: approvalPayloadOf(request),
      requesterRef: 'user:default/mallory',
    });
    expect(await p.tracker.link(foreign)).toBeUndefined();
    expect((await store.getRequest(request.id))!.status).toBe('planned');
  });

  it.each([
    [
      'other approver groups',
      { approvers: { groups: ['group:default/friends'] } },
    ],
    [
      'an approver named in person',
      { approvers: { groups: [APPROVERS], users: ['user:default/mallory'] } },
    ],
    [
      'a lower quorum than the config requires',
      { approvers: { groups: [APPROVERS] }, quorum: 1 },
    ],
  ])('does not link an approval with %s', async (_what, overrides) => {
    const p = provisioner({ quorum: 2 });
    const request = await plannedWithoutApproval(p);
    const approval = await approvals.service.createRequestFor({
      kind: INFRA_APPROVAL_KIND,
      title: 'Create',
      payload: approvalPayloadOf(request),
      requesterRef: DEV,
      ...overrides,
    });
    expect(await p.tracker.link(approval)).toBeUndefined();
    approvals.setStatus(approval.id, 'approved');
    await p.onApprovalStatus(approval.id);
    expect((await store.getRequest(request.id))!.status).toBe('planned');
    expect(audit.outcomes('infra-approval-link')).toEqual(['fail', 'fail']);
  });

  it('plans again, closes the approval and tells the requester when the approved plan hash differs', async () => {
    const p = provisioner();
    const linked = await planned(p);
    const approval = approvals.get(linked.approvalId!);
    approval.payload = {
      ...(approval.payload as object),
      planHash: '0'.repeat(64),
    };
    approval.status = 'approved';
    notifications.send.mockClear();
    await p.onApprovalStatus(linked.approvalId!);

    // Not stuck: superseded with the reason, the approval closed, the requester told.
    const after = (await store.getRequest(linked.id))!;
    expect(after.status).toBe('superseded');
    expect(after.error).toMatch(/plan hash differs/);
    expect(audit.outcomes('infra-request-approved')).toEqual(['fail']);
    expect(approvals.get(linked.approvalId!).status).toBe('failed');
    expect(notifications.send).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: [DEV] },
        payload: expect.objectContaining({
          title: expect.stringMatching(/planned again$/),
        }),
      }),
    );
    expect(await p.dispatch(linked.id)).toBe(false);
    expect(cliRuns('apply', linked)).toBe(0);

    // The new request is a plan job; once planned it waits for a new approval.
    const next = (await store.getRequest(after.supersededBy!))!;
    expect(next.status).toBe('planning');
    const replanned = await p.plan(next);
    expect(replanned.status).toBe('awaiting_approval');
    expect(replanned.approvalId).not.toBe(linked.approvalId);
  });

  it('fails with the reason when an approved request names someone else as requester', async () => {
    const p = provisioner();
    const linked = await planned(p);
    const approval = approvals.get(linked.approvalId!);
    approval.requesterRef = 'user:default/mallory';
    approval.status = 'approved';
    await p.onApprovalStatus(linked.approvalId!);
    const after = (await store.getRequest(linked.id))!;
    expect(after.status).toBe('failed');
    expect(after.error).toBe(
      'Approval refused: the approval was requested by someone else',
    );
    expect(approvals.get(linked.approvalId!).status).toBe('failed');
    expect((await store.getResource(linked.resourceId))!.status).toBe(
      'destroyed',
    );
  });

  it('refuses the apply when the approval changed after the request was approved', async () => {
    const p = provisioner();
    const request = await approved(p);
    const approval = approvals.get(request.approvalId!);
    approval.payload = {
      ...(approval.payload as object),
      planHash: '0'.repeat(64),
    };
    expect(await p.dispatch(request.id)).toBe(true);
    const after = (await store.getRequest(request.id))!;
    expect(after.status).toBe('failed');
    expect(after.error).toMatch(/plan hash differs/);
    expect(cliRuns('apply', request)).toBe(0);
    expect(approvals.reportsOf(request.approvalId!)).toEqual(['failed']);
    expect(audit.outcomes('infra-request-apply')).toEqual(['fail']);
  });

  it('re-plans for a new approval when the stored plan file does not match its hash', async () => {
    const p = provisioner();
    const request = await approved(p);
    const original = (await store.getPlanFile(request.id))!;
    const tampered = Buffer.from(
      original.toString('utf8').replace(request.resourceName, 'evil-bucket'),
    );
    expect(tampered.equals(original)).toBe(false);
    await knex('infra_requests')
      .where({ id: request.id })
      .update({ plan_file: tampered });

    expect(await p.dispatch(request.id)).toBe(true);

    const after = (await store.getRequest(request.id))!;
    expect(after.status).toBe('superseded');
    expect(after.supersededBy).toBeDefined();
    expect(after.error).toMatch(/^Planned again: the plan file's hash/);
    expect(cliRuns('apply', request)).toBe(0);
    expect(existsSync(statePath(request))).toBe(false);
    expect(approvals.reportsOf(request.approvalId!)).toEqual([
      'executing',
      'failed',
    ]);
    expect(audit.outcomes('infra-request-apply')).toEqual(['fail']);

    const queued = (await store.getRequest(after.supersededBy!))!;
    expect(queued.status).toBe('planning');
    const next = await p.plan(queued);
    expect(next).toMatchObject({
      status: 'awaiting_approval',
      operation: 'create',
      resourceId: request.resourceId,
      resourceName: request.resourceName,
      requesterRef: DEV,
      parameters: request.parameters,
    });
    expect(next.justification).toBe(request.justification);
    expect(next.planHash).toMatch(/^[0-9a-f]{64}$/);
    expect(next.approvalId).toBeDefined();
    expect(next.approvalId).not.toBe(request.approvalId);
    expect(approvals.service.createRequestFor).toHaveBeenCalledTimes(2);
    expect(approvals.service.createRequestFor).toHaveBeenLastCalledWith(
      expect.objectContaining({
        requesterRef: DEV,
        payload: expect.objectContaining({
          infraRequestId: next.id,
          planHash: next.planHash,
        }),
      }),
    );
    expect(approvals.get(next.approvalId!).requesterRef).toBe(DEV);
    expect((await store.getResource(request.resourceId))!).toMatchObject({
      status: 'pending',
      lastRequestId: next.id,
    });
    const lines = await logLines(request.id);
    expect(lines.join('\n')).toMatch(/differs from the approved/);
  });

  it('re-plans when the state changed since the plan, and applies the new plan once approved', async () => {
    const p = provisioner();
    const request = await approved(p);
    // Someone else changed the state after the plan: its serial moved on.
    writeFileSync(
      statePath(request),
      JSON.stringify({ version: 4, serial: 7, resources: [], outputs: {} }),
    );

    expect(await p.dispatch(request.id)).toBe(true);
    const after = (await store.getRequest(request.id))!;
    expect(after).toMatchObject({
      status: 'superseded',
      error: 'Planned again: stale plan',
    });
    expect(cliRuns('apply', request)).toBe(1);
    expect(JSON.parse(readFileSync(statePath(request), 'utf8')).serial).toBe(7);
    expect(approvals.reportsOf(request.approvalId!)).toEqual([
      'executing',
      'failed',
    ]);

    const next = await p.plan((await store.getRequest(after.supersededBy!))!);
    expect(next.status).toBe('awaiting_approval');
    expect(next.planHash).not.toBe(request.planHash);
    expect(approvals.service.createRequestFor).toHaveBeenCalledWith(
      expect.objectContaining({ requesterRef: DEV }),
    );

    // The new plan applies once approved.
    approvals.setStatus(next.approvalId!, 'approved');
    await p.onApprovalStatus(next.approvalId!);
    expect(await p.dispatch(next.id)).toBe(true);
    expect((await store.getRequest(next.id))!.status).toBe('applied');
    expect((await store.getResource(request.resourceId))!.status).toBe(
      'active',
    );
  });

  it('refuses the apply when the requester left the owner group', async () => {
    const request = await approved(provisioner());
    const p = provisioner({ memberOf: ['developers'] });
    expect(await p.dispatch(request.id)).toBe(true);
    const after = (await store.getRequest(request.id))!;
    expect(after.status).toBe('failed');
    expect(after.error).toBe(
      `Apply failed: ${DEV} is no longer a member of ${PAYMENTS}`,
    );
    expect(cliRuns('apply', request)).toBe(0);
    expect(existsSync(statePath(request))).toBe(false);
    expect(approvals.reportsOf(request.approvalId!)).toEqual(['failed']);
    expect(approvals.get(request.approvalId!).status).toBe('failed');
    expect(audit.outcomes('infra-request-apply')).toEqual(['fail']);
    expect(await logLines(request.id)).toContain(
      `Apply failed: ${DEV} is no longer a member of ${PAYMENTS}`,
    );
  });

  it('destroys an applied resource through its own approved destroy plan', async () => {
    const p = provisioner();
    const create = await approved(p);
    expect(await p.dispatch(create.id)).toBe(true);
    expect((await store.getResource(create.resourceId))!.status).toBe('active');

    const destroy = await newRequest({
      operation: 'destroy',
      resourceName: create.resourceName,
      resourceId: create.resourceId,
      justification: 'Receipts moved elsewhere',
    });
    const plannedDestroy = await p.plan(destroy);
    expect(plannedDestroy.status).toBe('awaiting_approval');
    expect(plannedDestroy.planSummary!.destroy).toBeGreaterThanOrEqual(1);
    expect(plannedDestroy.planSummary!.add).toBe(0);
    expect(plannedDestroy.planSummary!.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          address: 'module.resource.aws_s3_bucket.this',
          action: 'delete',
        }),
      ]),
    );

    const approvedDestroy = await approved(p, plannedDestroy);
    expect(approvals.service.createRequestFor).toHaveBeenLastCalledWith(
      expect.objectContaining({
        title: expect.stringMatching(/^Destroy s3-bucket /),
        payload: expect.objectContaining({ operation: 'destroy' }),
      }),
    );
    expect(await p.dispatch(approvedDestroy.id)).toBe(true);
    expect((await store.getRequest(destroy.id))!.status).toBe('applied');
    expect((await store.getResource(create.resourceId))!).toMatchObject({
      status: 'destroyed',
      lastRequestId: destroy.id,
    });
    const state = JSON.parse(readFileSync(statePath(create), 'utf8'));
    expect(state.resources).toEqual([]);
    expect(events.publish).toHaveBeenLastCalledWith({
      topic: 'gantry.infra',
      eventPayload: {
        resourceId: create.resourceId,
        requestId: destroy.id,
        status: 'destroyed',
      },
    });

    // The name is free again.
    const again = await newRequest({ resourceName: create.resourceName });
    expect(again.status).toBe('planning');
  });

  it('fails applies interrupted by a stopped backend, and never re-runs them', async () => {
    const p = provisioner();
    const request = await approved(p);
    const fresh = await approved(p);
    const longAgo = new Date(Date.now() - 10 * 60_000);
    // Another replica claimed both and then stopped reporting for one of them.
    expect(await store.claimApply(request.id, 'replica-gone', longAgo)).toBe(
      true,
    );
    expect(await store.claimApply(fresh.id, 'replica-alive', new Date())).toBe(
      true,
    );

    await p.sweep();
    const after = (await store.getRequest(request.id))!;
    expect(after.status).toBe('failed');
    expect(after.error).toMatch(/^Interrupted/);
    expect(await logLines(request.id)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Interrupted: .* It is not run again/),
      ]),
    );
    expect(approvals.reportsOf(request.approvalId!)).toEqual(['failed']);
    expect((await store.getRequest(fresh.id))!.status).toBe('applying');

    // Not again, and not re-run.
    await p.sweep();
    expect(approvals.reportsOf(request.approvalId!)).toEqual(['failed']);
    expect(await p.dispatch(request.id)).toBe(false);
    expect(cliRuns('apply', request)).toBe(0);
    expect(existsSync(statePath(request))).toBe(false);
  });

  it('ends a rejected request with who rejected it and why, and frees the name', async () => {
    const p = provisioner();
    const request = await planned(p);
    approvals.setStatus(request.approvalId!, 'rejected', {
      type: 'reject',
      actorRef: 'user:default/alan',
      comment: 'Use the shared logs bucket',
      createdAt: '2026-11-29T10:00:00.000Z',
    });
    await p.onApprovalStatus(request.approvalId!);
    const rejected = (await store.getRequest(request.id))!;
    expect(rejected.status).toBe('rejected');
    expect(rejected.decision).toEqual({
      status: 'rejected',
      actorRef: 'user:default/alan',
      comment: 'Use the shared logs bucket',
      decidedAt: '2026-11-29T10:00:00.000Z',
    });
    expect((await store.getResource(request.resourceId))!.status).toBe(
      'destroyed',
    );
    // A name freed before any apply is no resource: it is not listed.
    expect(
      (await store.listResources({ limit: 10 })).items.map(r => r.id),
    ).not.toContain(request.resourceId);
    expect(audit.outcomes('infra-request-rejected')).toEqual(['success']);
    expect(await p.dispatch(request.id)).toBe(false);
    const again = await newRequest({ resourceName: request.resourceName });
    expect(again.resourceId).not.toBe(request.resourceId);
  });

  it('fails the request and reports it when terraform apply fails, with secrets redacted', async () => {
    const p = provisioner({
      env: {
        FAKE_TERRAFORM_FAIL: 'apply',
        // The failure names this value; as a secret it must not reach the logs.
        GANTRY_TEST_TOKEN: 'FAKE_TERRAFORM_FAIL',
      },
    });
    const request = await approved(p);
    expect(await p.dispatch(request.id)).toBe(true);
    const after = (await store.getRequest(request.id))!;
    expect(after.status).toBe('failed');
    expect(after.error).toMatch(/apply failed with exit code 1/);
    expect(after.error).toContain('apply failed (***)');
    expect(after.error).not.toContain('FAKE_TERRAFORM_FAIL');
    expect(after.outputs).toBeUndefined();
    expect(existsSync(statePath(request))).toBe(false);
    expect(approvals.reportsOf(request.approvalId!)).toEqual([
      'executing',
      'failed',
    ]);
    const [, report] = approvals.service.reportExecution.mock.calls.at(-1)!;
    expect(report.comment).toMatch(/apply failed/);
    expect(audit.outcomes('infra-request-apply')).toEqual(['fail']);
    const lines = (await logLines(request.id)).join('\n');
    expect(lines).toMatch(/Apply failed: .*apply failed/);
    expect(lines).not.toContain('FAKE_TERRAFORM_FAIL');
    expect(lines).not.toContain(SECRET);
  });

  it('links and approves at once when the decision arrives before the link', async () => {
    const p = provisioner();
    const request = await plannedWithoutApproval(p);
    // Another replica opened the approval, and this one missed its `pending` event.
    const approval = await approvals.service.createRequestFor({
      kind: INFRA_APPROVAL_KIND,
      title: 'Create',
      approvers: { groups: [APPROVERS] },
      payload: approvalPayloadOf(request),
      requesterRef: DEV,
    });
    approvals.setStatus(approval.id, 'approved');
    await p.onApprovalStatus(approval.id);
    expect((await store.getRequest(request.id))!).toMatchObject({
      status: 'approved',
      approvalId: approval.id,
    });
    expect(audit.outcomes('infra-approval-requested')).toEqual(['success']);
    expect(audit.outcomes('infra-request-approved')).toEqual(['success']);
  });

  it('sweeps: follows missed decisions, opens missing approvals and fails interrupted applies', async () => {
    const p = provisioner();
    // Approved while no event reached this replica.
    const missed = await planned(p);
    approvals.setStatus(missed.approvalId!, 'approved');
    // Still waiting for a decision.
    const pending = await planned(p);
    // Planned while the approvals service was down, a while ago.
    const unopened = await plannedWithoutApproval(p);
    await knex('infra_requests')
      .where({ id: unopened.id })
      .update({ updated_at: new Date(Date.now() - 2 * STALE_AFTER_MS) });
    // Claimed by a replica that stopped.
    const interrupted = await approved(p);
    await store.claimApply(
      interrupted.id,
      'replica-gone',
      new Date(Date.now() - 5 * 60_000),
    );

    await p.sweep();

    expect((await store.getRequest(missed.id))!.status).toBe('approved');
    expect((await store.getRequest(pending.id))!.status).toBe(
      'awaiting_approval',
    );
    expect((await store.getRequest(unopened.id))!.status).toBe(
      'awaiting_approval',
    );
    expect((await store.getRequest(interrupted.id))!.status).toBe('failed');
    // The sweeper runs no Terraform: applies are the workers' job.
    expect(cliRuns('apply', missed)).toBe(0);

    // A second sweep changes nothing.
    await p.sweep();
    expect((await store.getRequest(missed.id))!.status).toBe('approved');
    expect((await store.getRequest(interrupted.id))!.status).toBe('failed');
    expect(cliRuns('apply', interrupted)).toBe(0);
  });

  it('runs queued plans and approved applies in the worker pool, each once', async () => {
    const p = provisioner();
    const queued = await Promise.all([
      newRequest(),
      newRequest(),
      newRequest(),
    ]);
    const approvedOne = await approved(p);
    p.worker.start();
    try {
      await waitFor(async () => {
        const statuses = await Promise.all(
          [...queued, approvedOne].map(
            async r => (await store.getRequest(r.id))!.status,
          ),
        );
        return statuses.every(
          (status, i) => status === (i < 3 ? 'awaiting_approval' : 'applied'),
        );
      });
    } finally {
      await p.worker.stop();
    }
    for (const request of queued) expect(cliRuns('plan', request)).toBe(1);
    expect(cliRuns('apply', approvedOne)).toBe(1);
  });

  it('plans again when the worker holding a plan stopped reporting, and gives up after the limit', async () => {
    const p = provisioner();
    const abandoned = await newRequest();
    const longAgo = new Date(Date.now() - 2 * STALE_AFTER_MS);
    expect(
      await store.claimPlan(abandoned.id, 'replica-gone', longAgo, new Date(0)),
    ).toBe(1);
    // A live claim is not taken over.
    const held = await newRequest();
    await store.claimPlan(held.id, 'replica-alive', new Date(), new Date(0));
    // One claimed as often as the limit allows fails instead of running again.
    const cursed = await newRequest();
    for (let i = 0; i < DEFAULT_JOB_WORKER_SETTINGS.maxPlanAttempts; i++) {
      await store.claimPlan(cursed.id, `replica-${i}`, longAgo, new Date());
    }

    p.worker.start();
    try {
      await waitFor(async () => {
        const [a, c] = await Promise.all([
          store.getRequest(abandoned.id),
          store.getRequest(cursed.id),
        ]);
        return a!.status === 'awaiting_approval' && c!.status === 'failed';
      });
    } finally {
      await p.worker.stop();
    }
    expect((await store.getRequest(held.id))!.status).toBe('planning');
    expect((await store.getRequest(cursed.id))!.error).toMatch(
      /^Planning was interrupted 3 times/,
    );
    expect((await store.getResource(cursed.resourceId))!.status).toBe(
      'destroyed',
    );
    expect(cliRuns('plan', cursed)).toBe(0);
  });

  it('fails a request whose plan document cannot be read, never showing it as an empty plan', async () => {
    const p = provisioner({
      env: { FAKE_TERRAFORM_SHOW_JSON: '{"resource_changes":"none"}' },
    });
    const request = await newRequest();
    const returned = await p.plan(request);
    expect(returned.status).toBe('failed');
    expect(returned.error).toMatch(
      /^Plan failed: Not a Terraform plan document: format_version: /,
    );
    expect(returned.planSummary).toBeUndefined();
    expect(returned.approvalId).toBeUndefined();
    expect(audit.outcomes('infra-request-plan')).toEqual(['fail']);
  });

  it('fails a request whose plan fails, and frees its name', async () => {
    const p = provisioner({ env: { FAKE_TERRAFORM_FAIL: 'plan' } });
    const request = await newRequest();
    // A failed plan is the request's outcome, handed back rather than thrown.
    notifications.send.mockClear();
    const returned = await p.plan(request);
    expect(returned.status).toBe('failed');
    // The requester and the approvers hear why.
    expect(notifications.send).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: [DEV, APPROVERS] },
        payload: expect.objectContaining({
          title: expect.stringMatching(/plan failed$/),
          description: expect.stringMatching(/^Plan failed: /),
        }),
      }),
    );
    const after = (await store.getRequest(request.id))!;
    expect(after).toEqual(returned);
    expect(after.error).toMatch(/plan failed/);
    expect((await store.getResource(request.resourceId))!.status).toBe(
      'destroyed',
    );
    expect(audit.outcomes('infra-request-plan')).toEqual(['fail']);
    expect(await logLines(request.id)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Plan failed: /)]),
    );
  });
});
