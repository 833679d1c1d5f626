import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createTestDatabases,
  userEntity,
} from '@internal/plugin-api-node/testUtils';
import { InfraRequest } from '@internal/plugin-infra-common';
import { TerraformRunner } from '@internal/plugin-terraform-node';
import { Knex } from 'knex';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApprovalsFake,
  FAKE_TERRAFORM,
  MODULES_DIR,
  cliPidsOf,
  cliRunsOf,
  createApprovalsFake,
  createRecordingAuditor,
  processExists,
} from '../__testUtils__/fakes';
import { DatabaseInfraStore } from '../database/DatabaseInfraStore';
import { systemClock } from './clock';
import { createInfraServices, InfraServices } from './infraServices';
import { DEFAULT_JOB_WORKER_SETTINGS, JobWorkerSettings } from './JobWorker';
import { Workspaces } from './Workspaces';

jest.setTimeout(60_000);
chmodSync(FAKE_TERRAFORM, 0o755);

const { databases, describeEach } = createTestDatabases();

// Far longer than any wait below: a job taken over here was handed back, not found stale.
const STALE_AFTER_MS = 120_000;
const POLL_MS = 50;

describeEach('JobWorker shutdown on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseInfraStore;
  let workDir: string;
  let argvLog: string;
  let pidLog: string;
  let approvals: ApprovalsFake;
  let names = 0;
  const replicas: Array<InfraServices> = [];

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    store = await DatabaseInfraStore.create({
      database: mockServices.database({ knex }),
    });
  });

  beforeEach(async () => {
    await knex('infra_logs').delete();
    await knex('infra_requests').delete();
    await knex('infra_resources').delete();
    workDir = mkdtempSync(join(tmpdir(), 'gantry-jobworker-'));
    argvLog = join(workDir, 'argv.jsonl');
    pidLog = join(workDir, 'pids.jsonl');
    approvals = createApprovalsFake();
  });

  afterEach(async () => {
    // Jobs left running by a stopped worker end before their workspace goes.
    for (const r of replicas.splice(0)) {
      r.worker.stopClaiming();
      await waitFor(async () => r.worker.running === 0);
    }
    rmSync(workDir, { recursive: true, force: true });
  });

  /** One replica's infra services, with a workspace directory of its own. */
  function replica(
    instanceId: string,
    options: {
      env?: Record<string, string>;
      jobs?: Partial<JobWorkerSettings>;
    } = {},
  ) {
    const logger = mockServices.logger.mock();
    const services = createInfraServices({
      store,
      runner: new TerraformRunner({
        binary: FAKE_TERRAFORM,
        timeoutMs: 20_000,
        env: {
          FAKE_TERRAFORM_ARGV_LOG: argvLog,
          FAKE_TERRAFORM_PID_LOG: pidLog,
          ...options.env,
        },
      }),
      workspaces: new Workspaces(join(workDir, instanceId)),
      terraform: {
        modulesDir: MODULES_DIR,
        regionOf: () => 'eu-west-1',
        stateBackend: 'local',
      },
      policy: { approverGroups: ['group:default/approvers'], quorum: 1 },
      jobs: {
        ...DEFAULT_JOB_WORKER_SETTINGS,
        pollIntervalMs: POLL_MS,
        heartbeatMs: 100,
        staleAfterMs: STALE_AFTER_MS,
        ...options.jobs,
      },
      approvals: approvals.service,
      catalog: catalogServiceMock({
        entities: [userEntity('dev', ['team-payments'])],
      }),
      auth: mockServices.auth(),
      auditor: createRecordingAuditor().auditor,
      signals: { publish: jest.fn(async () => {}) },
      events: { publish: jest.fn(async () => {}), subscribe: jest.fn() },
      notifications: { send: jest.fn(async () => {}) },
      logger,
      clock: systemClock,
      instanceId,
    });
    const r = { ...services, logger };
    replicas.push(r);
    return r;
  }

  function newRequest() {
    return store.createRequest(
      {
        operation: 'create',
        kind: 's3-bucket',
        resourceName: `bucket-${databaseId.toLowerCase()}-${++names}`,
        environment: 'dev',
        requesterRef: 'user:default/dev',
        ownerRef: 'group:default/team-payments',
        justification: 'Receipts for the payments service',
        parameters: { versioning: true },
      },
      new Date(),
    );
  }

  async function claimOf(id: string) {
    const row = await knex('infra_requests')
      .select('status', 'claimed_by', 'attempts', 'heartbeat_at')
      .where({ id })
      .first();
    return {
      status: row.status as string,
      claimedBy: row.claimed_by as string | null,
      attempts: Number(row.attempts),
      heartbeatAt: row.heartbeat_at
        ? new Date(row.heartbeat_at).getTime()
        : undefined,
    };
  }

  async function waitFor(
    condition: () => Promise<boolean>,
    timeoutMs = 20_000,
  ) {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('Timed out waiting');
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }

  const cliRuns = (command: string, request: InfraRequest) =>
    cliRunsOf(argvLog, command, request.id);

  it('claims no job once told to stop claiming', async () => {
    const a = replica('replica-a');
    a.worker.start();
    a.worker.stopClaiming();
    const request = await newRequest();
    a.worker.wake();
    await new Promise(resolve => setTimeout(resolve, 10 * POLL_MS));
    expect(await claimOf(request.id)).toMatchObject({
      status: 'planning',
      claimedBy: null,
      attempts: 0,
    });
    await a.worker.stop();
    expect(cliRuns('plan', request)).toBe(0);
  });

  it('keeps a plan that finishes within the grace period', async () => {
    const a = replica('replica-a', {
      env: { FAKE_TERRAFORM_PLAN_SLEEP_MS: '1000' },
      jobs: { shutdownGraceMs: 15_000 },
    });
    const request = await newRequest();
    a.worker.start();
    await waitFor(async () => (await claimOf(request.id)).claimedBy !== null);
    await a.worker.stop();
    expect((await store.getRequest(request.id))!.status).toBe(
      'awaiting_approval',
    );
    expect(await claimOf(request.id)).toMatchObject({
      claimedBy: 'replica-a',
      attempts: 1,
    });
    expect(cliRuns('plan', request)).toBe(1);
  });

  it('hands back a plan still running when the grace period ends: its Terraform process is stopped, and another replica plans it at once', async () => {
    const a = replica('replica-a', {
      // Far past the test's waits: only the stop can end it in time.
      env: { FAKE_TERRAFORM_PLAN_SLEEP_MS: '30000' },
      jobs: { shutdownGraceMs: 300 },
    });
    const request = await newRequest();
    a.worker.start();
    await waitFor(
      async () => cliPidsOf(pidLog, 'plan', request.id).length === 1,
    );
    const [pid] = cliPidsOf(pidLog, 'plan', request.id);
    expect(processExists(pid)).toBe(true);
    const stopping = Date.now();
    await a.worker.stop();
    expect(Date.now() - stopping).toBeLessThan(2_000);
    // The Terraform process is gone and the job has ended before the claim was released.
    expect(processExists(pid)).toBe(false);
    expect(a.worker.running).toBe(0);
    // Released, not failed, and the interrupted claim is not counted against maxPlanAttempts.
    expect(await claimOf(request.id)).toMatchObject({
      status: 'planning',
      claimedBy: null,
      attempts: 0,
    });
    expect((await store.getRequest(request.id))!.error).toBeFalsy();
    expect(a.logger.error).not.toHaveBeenCalled();
    expect(a.logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        new RegExp(`^Stopped the plan of ${request.id} to hand it back: `),
      ),
    );
    const lines = (
      await store.getLogs(request.id, { after: 0, limit: 100 })
    ).map(l => l.line);
    expect(lines).not.toContainEqual(expect.stringMatching(/^Plan failed/));
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^Plan stopped: .* plan was stopped; caused by Error: the backend is shutting down$/,
      ),
    );
    expect(lines[lines.length - 1]).toBe(
      'This replica is shutting down; planning starts again on another one',
    );

    const b = replica('replica-b');
    const handedBack = Date.now();
    b.worker.start();
    await waitFor(
      async () =>
        (await store.getRequest(request.id))!.status === 'awaiting_approval',
    );
    // Well within staleAfterMs: taken because it was handed back, not because it went stale.
    expect(Date.now() - handedBack).toBeLessThan(10_000);
    expect(await claimOf(request.id)).toMatchObject({
      claimedBy: 'replica-b',
      attempts: 1,
    });
    expect(approvals.service.createRequestFor).toHaveBeenCalledTimes(1);
    expect(cliRuns('plan', request)).toBe(2);
  });

  it('never hands back an apply: it keeps its claim and heartbeat past the grace period', async () => {
    const a = replica('replica-a', {
      env: { FAKE_TERRAFORM_APPLY_SLEEP_MS: '2000' },
      jobs: { shutdownGraceMs: 300 },
    });
    const request = await newRequest();
    // Planned and approved before the worker starts, so its only job is the apply.
    expect(
      await store.claimPlan(request.id, 'replica-a', new Date(), new Date(0)),
    ).toBe(1);
    await a.planner.run(request.id, 'replica-a');
    const linked = (await store.getRequest(request.id))!;
    approvals.setStatus(linked.approvalId!, 'approved');
    await a.tracker.follow(linked.approvalId!);
    expect((await store.getRequest(request.id))!.status).toBe('approved');

    a.worker.start();
    await waitFor(
      async () => cliPidsOf(pidLog, 'apply', request.id).length === 1,
    );
    const [pid] = cliPidsOf(pidLog, 'apply', request.id);
    await a.worker.stop();
    // Not stopped like a plan: its Terraform process runs on past the grace period.
    expect(processExists(pid)).toBe(true);
    expect(a.worker.running).toBe(1);
    const held = await claimOf(request.id);
    expect(held).toMatchObject({ status: 'applying', claimedBy: 'replica-a' });
    await waitFor(
      async () => (await claimOf(request.id)).heartbeatAt! > held.heartbeatAt!,
    );
    // Not claimable by another replica: only a stale heartbeat would make it the sweeper's.
    const b = replica('replica-b');
    b.worker.start();
    await waitFor(async () => a.worker.running === 0);
    expect((await store.getRequest(request.id))!.status).toBe('applied');
    expect(cliRuns('apply', request)).toBe(1);
  });
});
