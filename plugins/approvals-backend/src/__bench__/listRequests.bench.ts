import { DatabaseAuditStore } from '@internal/plugin-audit-node';
/*
 * yarn bench:approvals — seeds 100k approval requests across 200 users and 30 groups in
 * PostgreSQL, then measures the "pending assigned to me" and "my requests" list calls through
 * the HTTP API, with the real permission backend and Gantry policy (conditions applied in SQL).
 * It prints numbers; it asserts nothing about speed.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import {
  asUser,
  startApprovalsBackend,
} from '../__testUtils__/startApprovalsBackend';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
const USERS = 200;
const GROUPS = 30;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);

jest.setTimeout(30 * 60_000);

// Deterministic pseudo-random numbers, so runs are comparable.
let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};

const people: Record<string, string[]> = {};
for (let u = 0; u < USERS; u++) {
  const groups = new Set([`g${u % GROUPS}`, `g${rand(GROUPS)}`]);
  people[`u${u}`] = [...groups];
}

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

describe('approvals list benchmark', () => {
  if (!process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
    it('needs PostgreSQL', () => {
      // eslint-disable-next-line no-console
      console.warn(
        'bench:approvals needs PostgreSQL at 127.0.0.1:5432; not run',
      );
    });
    return;
  }
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it('measures list latency', async () => {
    const knex = await databases.init('POSTGRES_15');
    const backend = await startApprovalsBackend(knex, {
      people,
      auditStore: await DatabaseAuditStore.create({
        knex: await databases.init('POSTGRES_15'),
      }),
    });
    const { port } = backend.server.address() as AddressInfo;
    const base = `http://localhost:${port}/api/approvals`;

    const seedStart = Date.now();
    const statuses = [
      'pending',
      'approved',
      'rejected',
      'completed',
      'expired',
    ];
    const now = Date.now();
    for (let offset = 0; offset < REQUESTS; offset += 2000) {
      const rows = [];
      const approvers = [];
      for (let i = offset; i < Math.min(REQUESTS, offset + 2000); i++) {
        const id = randomUUID();
        const group = `group:default/g${rand(GROUPS)}`;
        const status = statuses[rand(10) < 3 ? 0 : 1 + rand(4)];
        rows.push({
          id,
          kind: rand(2) ? 'infrastructure' : 'access',
          title: `Request ${i}`,
          status,
          requester_ref: `user:default/u${rand(USERS)}`,
          created_by: 'plugin:scaffolder',
          approver_users: '[]',
          approver_groups: JSON.stringify([group]),
          quorum: 1,
          approvals: 0,
          payload: `{"i":${i}}`,
          payload_hash: 'x'.repeat(64),
          links: '[]',
          expires_at: new Date(now + 7 * 86400_000),
          created_at: new Date(now - (REQUESTS - i) * 1000),
          updated_at: new Date(now),
        });
        approvers.push({ request_id: id, approver_ref: group });
      }
      await knex('approval_requests').insert(rows);
      await knex('approval_request_approvers').insert(approvers);
    }
    await knex.raw('ANALYZE');
    const seedMs = Date.now() - seedStart;

    const measure = async (query: string) => {
      const times: number[] = [];
      let items = 0;
      for (let s = 0; s < SAMPLES; s++) {
        const user = `u${rand(USERS)}`;
        const t0 = performance.now();
        const res = await fetch(`${base}/requests?${query}`, {
          headers: { Authorization: asUser(user) },
        });
        const body = await res.json();
        times.push(performance.now() - t0);
        if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
        items += body.items.length;
      }
      times.sort((a, b) => a - b);
      return {
        p50: percentile(times, 50).toFixed(1),
        p95: percentile(times, 95).toFixed(1),
        max: times[times.length - 1].toFixed(1),
        avgItems: (items / SAMPLES).toFixed(1),
      };
    };

    // Warm up connections and caches.
    await measure('mine=true&limit=20');
    const assigned = await measure('assignedToMe=true&status=pending&limit=20');
    const mine = await measure('mine=true&limit=20');

    // eslint-disable-next-line no-console
    console.log(
      [
        `approvals bench: ${REQUESTS} requests, ${USERS} users, ${GROUPS} groups, seeded in ${seedMs} ms`,
        `  pending assigned to me: p50 ${assigned.p50} ms, p95 ${assigned.p95} ms, max ${assigned.max} ms (${SAMPLES} calls, ${assigned.avgItems} items/page)`,
        `  my requests:            p50 ${mine.p50} ms, p95 ${mine.p95} ms, max ${mine.max} ms (${SAMPLES} calls, ${mine.avgItems} items/page)`,
      ].join('\n'),
    );
    await backend.stop();
  });
});
