import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import { DatabaseAuditStore } from '@internal/plugin-audit-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  InfraTestBackend,
  asUser,
  startInfraBackend,
} from '../__testUtils__/startInfraBackend';

jest.setTimeout(60_000);

const { databases, describeEach } = createTestDatabases();

describeEach('infra ops routes on %s', databaseId => {
  let backend: InfraTestBackend;
  let workDir: string;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'gantry-infra-ops-'));
    backend = await startInfraBackend(await databases.init(databaseId), {
      workDir,
      auditStore: await DatabaseAuditStore.create({
        knex: await databases.init(databaseId),
      }),
      // The real scheduler, which keeps its tasks' runs in the plugin's database.
      features: [schedulerServiceFactory],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  const get = (path: string, who?: string) => {
    const req = request(backend.server).get(`/api/infra/ops${path}`);
    return who ? req.set('Authorization', asUser(who)) : req;
  };

  it.each(['/stats', '/health'])(
    'answers %s only to those with infra.ops.read',
    async path => {
      for (const who of ['dev', 'alan', 'vera']) {
        const res = await get(path, who);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe('Not allowed: infra.ops.read');
      }
      expect((await get(path, 'ada')).status).toBe(200);
    },
  );

  it('gives the stats of the last 14 days by default, up to 90', async () => {
    const res = await get('/stats', 'ada');
    expect(res.status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const since = new Date(`${today}T00:00:00.000Z`);
    since.setUTCDate(since.getUTCDate() - 13);
    expect(res.body).toEqual({
      days: 14,
      since: since.toISOString(),
      perDay: [],
      submitToApproval: { count: 0 },
      approvalToApplied: { count: 0 },
      failures: { failed: 0, finished: 0, latest: [] },
      waitingForApproval: {
        underOneHour: 0,
        oneToTwentyFourHours: 0,
        oneToSevenDays: 0,
        overSevenDays: 0,
      },
    });
    expect((await get('/stats?days=90', 'ada')).body.days).toBe(90);
  });

  it.each(['days=0', 'days=91', 'days=abc', 'days=1.5', 'weeks=2'])(
    'rejects a bad query (%s) with 400',
    async query => {
      const res = await get(`/stats?${query}`, 'ada');
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
    },
  );

  it("reports Terraform, the workers, the queue, the sweeper and the database, and says what it can't know", async () => {
    // The sweeper's first run starts with the backend; its end is recorded once it is over.
    let res = await get('/health', 'ada');
    for (let i = 0; i < 100 && !res.body.sweeper?.lastRunEndedAt; i++) {
      await new Promise(r => setTimeout(r, 100));
      res = await get('/health', 'ada');
    }
    expect(res.status).toBe(200);
    const { lastRunEndedAt, ...sweeper } = res.body.sweeper;
    expect(Date.now() - Date.parse(lastRunEndedAt)).toBeLessThan(60_000);
    expect({ ...res.body, sweeper }).toEqual({
      terraform: {
        available: true,
        binary: expect.stringContaining('fake-terraform'),
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      },
      // infra.jobs.workers of the test backend, nothing running
      workers: { total: 2, busy: 0, idle: 2 },
      queue: { plans: 0, applies: 0 },
      sweeper: { state: 'known' },
      database: { reachable: true },
      catalogProvider: { state: 'unknown', reason: expect.any(String) },
    });
    // The same Terraform check as GET /health.
    const health = await request(backend.server)
      .get('/api/infra/health')
      .set('Authorization', asUser('ada'));
    expect(res.body.terraform).toEqual(health.body.terraform);
  });

  const asService = (subject: string) =>
    mockCredentials.service.header({
      onBehalfOf: mockCredentials.service(subject),
      targetPluginId: 'infra',
    });
  const report = (body: unknown, authorization: string) =>
    request(backend.server)
      .post('/api/infra/ops/catalog-sync')
      .set('Authorization', authorization)
      .send(body as object);

  it('takes catalog refresh reports from the catalog backend only', async () => {
    const body = { succeeded: true, entities: 3 };
    // A user, even an admin, may not: the report is the catalog's to make.
    expect((await report(body, asUser('ada'))).status).toBe(403);
    const other = await report(body, asService('plugin:scaffolder'));
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe(
      'Only the catalog backend reports catalog refreshes',
    );
    for (const bad of [
      {},
      { succeeded: 'yes' },
      { succeeded: true, entities: -1 },
      { succeeded: true, extra: 1 },
      { succeeded: false, error: 'x'.repeat(501) },
    ]) {
      const res = await report(bad, asService('plugin:catalog'));
      expect([JSON.stringify(bad), res.status]).toEqual([
        JSON.stringify(bad),
        400,
      ]);
    }
  });

  it("shows the catalog provider's last refresh, and when it last succeeded", async () => {
    const catalog = asService('plugin:catalog');
    expect(
      (await report({ succeeded: true, entities: 4 }, catalog)).status,
    ).toBe(204);
    let provider = (await get('/health', 'ada')).body.catalogProvider;
    expect(provider).toEqual({
      state: 'known',
      refreshedAt: expect.any(String),
      succeeded: true,
      entities: 4,
      lastSuccessAt: provider.refreshedAt,
    });
    const success = provider.lastSuccessAt;

    await new Promise(r => setTimeout(r, 5));
    const failure = { succeeded: false, error: `boom ${'x'.repeat(495)}` };
    expect((await report(failure, catalog)).status).toBe(204);
    provider = (await get('/health', 'ada')).body.catalogProvider;
    expect(provider).toEqual({
      state: 'known',
      refreshedAt: expect.any(String),
      succeeded: false,
      error: failure.error,
      lastSuccessAt: success,
    });
    expect(Date.parse(provider.refreshedAt)).toBeGreaterThan(
      Date.parse(success),
    );
  });
});
