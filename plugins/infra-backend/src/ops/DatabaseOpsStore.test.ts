import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { DatabaseInfraStore } from '../database/DatabaseInfraStore';
import { DatabaseOpsStore } from './DatabaseOpsStore';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();

const NOW = new Date('2026-11-20T12:00:00.000Z');
const SINCE = new Date('2026-11-07T00:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (text: string) => new Date(text);
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);

type Seed = {
  operation?: 'create' | 'destroy';
  kind?: string;
  status: string;
  createdAt: Date;
  updatedAt?: Date;
  decision?: { status: string; decidedAt: Date };
  appliedAt?: Date;
  error?: string;
  claimedBy?: string;
  heartbeatAt?: Date;
};

describeEach('DatabaseOpsStore on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseOpsStore;
  let names = 0;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    const database = mockServices.database({ knex });
    // The infra store owns and migrates the tables.
    await DatabaseInfraStore.create({ database });
    store = await DatabaseOpsStore.create({ database });
  });

  beforeEach(async () => {
    await knex('infra_request_approvers').delete();
    await knex('infra_logs').delete();
    await knex('infra_requests').delete();
    await knex('infra_resources').delete();
  });

  async function seed(row: Seed) {
    const id = randomUUID();
    const resourceId = randomUUID();
    const name = `ops-${++names}`;
    await knex('infra_resources').insert({
      id: resourceId,
      kind: row.kind ?? 's3-bucket',
      name,
      environment: 'sandbox',
      owner_ref: 'group:default/team-payments',
      status: 'destroyed',
      outputs: '{}',
      last_request_id: id,
      created_at: row.createdAt,
      updated_at: row.createdAt,
    });
    await knex('infra_requests').insert({
      id,
      operation: row.operation ?? 'create',
      kind: row.kind ?? 's3-bucket',
      resource_id: resourceId,
      resource_name: name,
      environment: 'sandbox',
      requester_ref: 'user:default/dev',
      owner_ref: 'group:default/team-payments',
      justification: 'ops dashboard test',
      parameters: '{}',
      status: row.status,
      decision: row.decision
        ? JSON.stringify({
            status: row.decision.status,
            decidedAt: row.decision.decidedAt.toISOString(),
          })
        : null,
      error: row.error ?? null,
      claimed_by: row.claimedBy ?? null,
      heartbeat_at: row.heartbeatAt ?? null,
      apply_started_at: row.appliedAt ? plus(row.appliedAt, -MINUTE) : null,
      applied_at: row.appliedAt ?? null,
      created_at: row.createdAt,
      updated_at: row.updatedAt ?? row.createdAt,
    });
    return id;
  }

  /** Approved `approvalMinutes` after submission and applied `applyMinutes` after that. */
  function approved(
    createdAt: Date,
    approvalMinutes: number,
    applyMinutes?: number,
  ) {
    const decidedAt = plus(createdAt, approvalMinutes * MINUTE);
    return {
      decision: { status: 'approved', decidedAt },
      appliedAt:
        applyMinutes === undefined
          ? undefined
          : plus(decidedAt, applyMinutes * MINUTE),
    };
  }

  it('counts the requests of the window per day, operation, kind and outcome', async () => {
    const day18 = iso('2026-11-18T10:00:00Z');
    const day19 = iso('2026-11-19T23:30:00Z');
    await seed({ status: 'applied', createdAt: day18 });
    await seed({ status: 'applied', createdAt: plus(day18, HOUR) });
    await seed({ status: 'applied', operation: 'destroy', createdAt: day19 });
    await seed({ status: 'failed', kind: 'vpc', createdAt: day19 });
    await seed({ status: 'rejected', createdAt: day19 });
    await seed({ status: 'awaiting_approval', createdAt: day19 });
    await seed({ status: 'planning', createdAt: day19 });
    // The first second of the window counts; the last before it does not.
    await seed({ status: 'expired', createdAt: SINCE });
    await seed({ status: 'applied', createdAt: plus(SINCE, -1000) });

    const { perDay, since } = await store.stats(SINCE, NOW);

    expect(since).toBe(SINCE.toISOString());
    expect(perDay).toEqual([
      {
        day: '2026-11-07',
        operation: 'create',
        kind: 's3-bucket',
        outcome: 'expired',
        count: 1,
      },
      {
        day: '2026-11-18',
        operation: 'create',
        kind: 's3-bucket',
        outcome: 'applied',
        count: 2,
      },
      ...[
        { kind: 's3-bucket', outcome: 'open', count: 2 },
        { kind: 's3-bucket', outcome: 'rejected', count: 1 },
        { kind: 'vpc', outcome: 'failed', count: 1 },
      ].map(r => ({ day: '2026-11-19', operation: 'create', ...r })),
      {
        day: '2026-11-19',
        operation: 'destroy',
        kind: 's3-bucket',
        outcome: 'applied',
        count: 1,
      },
    ]);
  });

  it('computes nearest-rank p50 and p95 of submit to approval and approval to applied', async () => {
    const t = iso('2026-11-15T08:00:00Z');
    await seed({ status: 'applied', createdAt: t, ...approved(t, 10, 2) });
    await seed({ status: 'applied', createdAt: t, ...approved(t, 30, 5) });
    await seed({ status: 'applied', createdAt: t, ...approved(t, 60, 1) });
    await seed({ status: 'failed', createdAt: t, ...approved(t, 15) });
    // Not approved, or outside the window: left out.
    await seed({
      status: 'rejected',
      createdAt: t,
      decision: { status: 'rejected', decidedAt: plus(t, 5 * MINUTE) },
    });
    const old = plus(SINCE, -DAY);
    await seed({
      status: 'applied',
      createdAt: old,
      ...approved(old, 999, 99),
    });

    const stats = await store.stats(SINCE, NOW);

    // [10, 15, 30, 60] minutes: rank ceil(0.5 * 4) = 2, ceil(0.95 * 4) = 4
    expect(stats.submitToApproval).toEqual({
      count: 4,
      p50Ms: 15 * MINUTE,
      p95Ms: 60 * MINUTE,
    });
    // [1, 2, 5] minutes: rank ceil(1.5) = 2, ceil(2.85) = 3
    expect(stats.approvalToApplied).toEqual({
      count: 3,
      p50Ms: 2 * MINUTE,
      p95Ms: 5 * MINUTE,
    });
  });

  it('has no percentiles and no failure rate without requests', async () => {
    const stats = await store.stats(SINCE, NOW);
    expect(stats.submitToApproval).toEqual({ count: 0 });
    expect(stats.approvalToApplied).toEqual({ count: 0 });
    expect(stats.failures).toEqual({ failed: 0, finished: 0, latest: [] });
    expect(stats.perDay).toEqual([]);
  });

  it('rates failures among finished requests and lists the latest 10 with their reasons', async () => {
    const t = iso('2026-11-10T00:00:00Z');
    for (let i = 0; i < 3; i++) {
      await seed({ status: 'applied', createdAt: t });
    }
    const failures: string[] = [];
    for (let i = 0; i < 12; i++) {
      failures.push(
        await seed({
          status: 'failed',
          kind: 'ec2-instance',
          createdAt: t,
          updatedAt: plus(t, i * HOUR),
          error: `apply failed #${i}`,
        }),
      );
    }
    // Neither finished nor in the window.
    await seed({ status: 'rejected', createdAt: t });
    await seed({ status: 'failed', createdAt: plus(SINCE, -DAY) });

    const { failures: result } = await store.stats(SINCE, NOW);

    expect(result.failed).toBe(12);
    expect(result.finished).toBe(15);
    expect(result.rate).toBeCloseTo(12 / 15);
    expect(result.latest).toHaveLength(10);
    expect(result.latest[0]).toEqual({
      id: failures[11],
      operation: 'create',
      kind: 'ec2-instance',
      resourceName: expect.stringMatching(/^ops-/),
      environment: 'sandbox',
      reason: 'apply failed #11',
      failedAt: plus(t, 11 * HOUR).toISOString(),
    });
    expect(result.latest.map(f => f.reason)).toEqual(
      Array.from({ length: 10 }, (_, i) => `apply failed #${11 - i}`),
    );
  });

  it('buckets the requests waiting for approval by how long they have waited', async () => {
    const waiting = (ms: number) =>
      seed({
        status: 'awaiting_approval',
        createdAt: plus(NOW, -ms - MINUTE),
        updatedAt: plus(NOW, -ms),
      });
    await waiting(0);
    await waiting(59 * MINUTE);
    await waiting(HOUR);
    await waiting(23 * HOUR);
    await waiting(DAY);
    await waiting(3 * DAY);
    await waiting(7 * DAY);
    await waiting(30 * DAY);
    // Not waiting.
    await seed({ status: 'approved', createdAt: plus(NOW, -2 * DAY) });

    const { waitingForApproval } = await store.stats(SINCE, NOW);

    expect(waitingForApproval).toEqual({
      underOneHour: 2,
      oneToTwentyFourHours: 2,
      oneToSevenDays: 2,
      overSevenDays: 2,
    });
  });

  it('counts the plan and apply jobs no worker holds', async () => {
    const staleBefore = plus(NOW, -30_000);
    await seed({ status: 'planning', createdAt: NOW });
    await seed({
      status: 'planning',
      createdAt: NOW,
      claimedBy: 'replica-a',
      heartbeatAt: NOW,
    });
    await seed({
      status: 'planning',
      createdAt: NOW,
      claimedBy: 'replica-b',
      heartbeatAt: plus(staleBefore, -1000),
    });
    await seed({ status: 'approved', createdAt: NOW });
    await seed({
      status: 'applying',
      createdAt: NOW,
      claimedBy: 'replica-a',
      heartbeatAt: NOW,
    });

    expect(await store.queueDepth(staleBefore)).toEqual({
      plans: 2,
      applies: 1,
    });
  });

  it('says the database answers', async () => {
    expect(await store.ping()).toEqual({ reachable: true });
  });
});
