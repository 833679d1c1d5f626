/*
 * yarn bench:audit — the central audit trail at scale, on PostgreSQL, through the real classes:
 *
 * 1. Ingest: two "replicas" (two knex pools, two DatabaseAuditStore instances on one database),
 *    each with a GantryAuditorService per plugin (20 plugins), run concurrent actions that call
 *    `createEvent` and then `success` or `fail`. Each action stores two entries (initiated and
 *    its outcome), so BENCH_EVENTS counts stored entries: 1,000,000 entries are 500,000 actions.
 *    Actors come from 5,000 users (and a few services), targets from 50,000 ids, ~5% of actions
 *    fail, ~30% carry a free-text comment. The chain is verified afterwards.
 * 2. Searches through `store.query` (first page, limit 50): by actor, by target, by plugin and
 *    time range, by failed outcome, by free text, and a second page by cursor; p50/p95, and
 *    PostgreSQL's plan (EXPLAIN ANALYZE, BUFFERS) of the SQL each one sends.
 * 3. Verify: the time to walk the whole chain.
 * 4. Export: every row through `store.stream()` into an NDJSON writer that discards its output,
 *    sampling the RSS every 100 ms.
 *
 * It prints numbers beside the targets; it asserts only correctness (the chain verifies, the
 * searches return what they filter on, the export sees every row).
 *
 *   BENCH_EVENTS=200000 yarn bench:audit   # fewer entries (default 1,000,000)
 *   BENCH_SAMPLES=50 yarn bench:audit      # fewer runs per search (default 100)
 *   BENCH_CONCURRENCY=50 yarn bench:audit  # actions in flight per replica (default 100)
 */
import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { AuditQuery } from '@internal/plugin-audit-common';
import { Request } from 'express';
import createKnex from 'knex';
import { cpus, loadavg } from 'node:os';
import { Writable } from 'node:stream';
import { once } from 'node:events';
import { DatabaseAuditStore } from '../DatabaseAuditStore';
import { GantryAuditorService } from '../gantryAuditorServiceFactory';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const USERS = 5_000;
const PLUGINS = 20;
const TARGETS = 50_000;
const REPLICAS = 2;

const TARGET_INGEST = 5_000;
const TARGET_P95_MS = 50;
const TARGET_RSS_GROWTH_MB = 50;

jest.setTimeout(4 * 60 * 60_000);

// Deterministic pseudo-random numbers, so runs are comparable. The high bits: the low bits
// of this generator repeat with a short period.
let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return Math.floor((seed / 2 ** 31) * n);
};

const pluginIds = Array.from({ length: PLUGINS }, (_, i) =>
  i < 6
    ? ['catalog', 'scaffolder', 'auth', 'approvals', 'infra', 'rbac'][i]
    : `plugin-${i}`,
);
const userRef = (u: number) => `user:default/user-${u}`;
const targetRef = (t: number) =>
  t % 2 ? `component:default/service-${t}` : `request-${t}`;
// A vocabulary for free-text comments; the searched word is one of them.
const words = Array.from({ length: 1_000 }, (_, i) => `word${i}`);
const SEARCH_WORD = 'word7';

// The auditor's log line goes nowhere: the bench measures the store, not the console.
const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

type BenchRequest = Request & { credentials: BackstageCredentials };

// The actor is what httpAuth resolves from the request; the bench hands it over directly.
const auth = {
  getOwnServiceCredentials: async () => ({
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'service', subject: 'plugin:bench' },
  }),
  isPrincipal: (credentials: BackstageCredentials, type: string) =>
    (credentials.principal as { type: string }).type === type,
} as unknown as AuthService;
const httpAuth = {
  credentials: async (request: BenchRequest) => request.credentials,
} as unknown as HttpAuthService;

function fakeRequest(): BenchRequest {
  const service = rand(10) === 0;
  const principal = service
    ? { type: 'service', subject: `plugin:${pluginIds[rand(PLUGINS)]}` }
    : { type: 'user', userEntityRef: userRef(rand(USERS)) };
  const userAgent = service ? 'node-fetch/1.0' : 'Mozilla/5.0 (X11; Linux)';
  return {
    credentials: {
      $$type: '@backstage/BackstageCredentials',
      principal,
    },
    ip: `10.0.${rand(256)}.${rand(256)}`,
    hostname: 'gantry.example.com',
    originalUrl: '/api/x',
    method: 'POST',
    get: () => userAgent,
  } as unknown as BenchRequest;
}

function comment() {
  return Array.from({ length: 8 }, () => words[rand(words.length)]).join(' ');
}

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');

describe('audit trail benchmark', () => {
  if (!process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
    it('needs PostgreSQL', () => {
      // eslint-disable-next-line no-console
      console.warn('bench:audit needs PostgreSQL at 127.0.0.1:5432; not run');
    });
    return;
  }
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it('measures ingest, search, verify and export', async () => {
    const out: string[] = [];
    const print = (line: string) => {
      out.push(line);
      // eslint-disable-next-line no-console
      console.log(line);
    };
    const loadBefore = loadavg()[0].toFixed(1);

    // ---------------------------------------------------------------- 1. ingest
    const knexA = await databases.init('POSTGRES_15');
    // A second pool on the same database: another replica of the backend.
    const knexB = createKnex(knexA.client.config);
    const stores = [
      await DatabaseAuditStore.create({ knex: knexA }),
      await DatabaseAuditStore.create({ knex: knexB }),
    ];
    const config: RootConfigService = mockServices.rootConfig({ data: {} });
    const auditors = stores.map(store =>
      pluginIds.map(
        id =>
          new GantryAuditorService({
            config,
            logger: silentLogger,
            auth,
            httpAuth,
            plugin: { getId: () => id },
            store,
          }),
      ),
    );

    const actions = Math.ceil(EVENTS / 2);
    let started = 0;
    let failed = 0;
    const actionLoop = async (replica: number) => {
      while (started < actions) {
        started += 1;
        const auditor = auditors[replica][rand(PLUGINS)];
        const withComment = rand(10) < 3;
        const event = await auditor.createEvent({
          eventId: ['entity-mutate', 'task', 'apply', 'decide'][rand(4)],
          severityLevel: rand(4) === 0 ? 'low' : 'medium',
          request: fakeRequest(),
          meta: {
            actionType: ['create', 'update', 'delete', 'execute'][rand(4)],
            entityRef: targetRef(rand(TARGETS)),
            ...(withComment ? { comment: comment() } : {}),
          },
        });
        if (rand(20) === 0) {
          failed += 1;
          await event.fail({ error: new Error('Conflict: the plan changed') });
        } else {
          await event.success({ meta: { durationMs: rand(5_000) } });
        }
      }
    };
    const ingestStart = performance.now();
    const ingestFrom = new Date();
    await Promise.all(
      Array.from({ length: REPLICAS * CONCURRENCY }, (_, i) =>
        actionLoop(i % REPLICAS),
      ),
    );
    const ingestTo = new Date();
    const ingestMs = performance.now() - ingestStart;
    const store = stores[0];
    const [{ count }] = await knexA('audit_entries').count({ count: '*' });
    const entries = Number(count);
    expect(entries).toBe(actions * 2);
    await knexA.raw('ANALYZE audit_entries');
    const rate = entries / (ingestMs / 1000);

    print(
      `audit bench: ${entries} entries (${actions} createEvent + success/fail pairs, ${failed} failed), ` +
        `${REPLICAS} replicas x ${CONCURRENCY} actions in flight, ${PLUGINS} plugins, ${USERS} users, ${TARGETS} targets; ` +
        `${cpus().length} CPUs, load average ${loadBefore} before`,
    );
    print(
      `  ingest: ${(ingestMs / 1000).toFixed(1)} s, ${rate.toFixed(
        0,
      )} entries/s (target >= ${TARGET_INGEST}: ${ok(rate >= TARGET_INGEST)})`,
    );

    // ---------------------------------------------------------------- 3. verify
    // Verified before the searches so a broken chain stops the bench early.
    const verifyStart = performance.now();
    const verification = await store.verify();
    const verifyMs = performance.now() - verifyStart;
    expect(verification).toEqual({ ok: true, checked: entries });
    print(
      `  verify: ${entries} entries intact in ${(verifyMs / 1000).toFixed(
        1,
      )} s (${(entries / (verifyMs / 1000)).toFixed(0)} entries/s)`,
    );

    // ---------------------------------------------------------------- 2. searches
    // The SQL knex sends for a query, captured so PostgreSQL can explain it.
    let captured: { sql: string; bindings: unknown[] } | undefined;
    knexA.on('query', (data: { sql: string; bindings: unknown[] }) => {
      captured = { sql: data.sql, bindings: data.bindings };
    });
    const explain = async (sql: string, bindings: unknown[]) => {
      const connection = await knexA.client.acquireConnection();
      try {
        const result = await connection.query(
          `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
          bindings,
        );
        return result.rows
          .map((r: Record<string, string>) => r['QUERY PLAN'])
          .join('\n');
      } finally {
        await knexA.client.releaseConnection(connection);
      }
    };

    const span = ingestTo.getTime() - ingestFrom.getTime();
    const searches: {
      name: string;
      make: () => AuditQuery;
      check: (q: AuditQuery, e: Record<string, unknown>) => boolean;
    }[] = [
      {
        name: 'by actor',
        make: () => ({ actor: userRef(rand(USERS)) }),
        check: (q, e) => (e.actor as { ref: string }).ref === q.actor,
      },
      {
        name: 'by target',
        make: () => ({ target: targetRef(rand(TARGETS)) }),
        check: (q, e) => e.target === q.target,
      },
      {
        name: 'by plugin + time range',
        make: () => {
          // A window of a fifth of the ingest, somewhere inside it.
          const from = ingestFrom.getTime() + rand(80) * (span / 100);
          return {
            plugin: pluginIds[rand(PLUGINS)],
            from: new Date(from).toISOString(),
            to: new Date(from + span / 5).toISOString(),
          };
        },
        check: (q, e) =>
          e.plugin === q.plugin &&
          (e.timestamp as string) >= q.from! &&
          (e.timestamp as string) < q.to!,
      },
      {
        name: 'by outcome failed',
        make: () => ({ outcome: 'failed' }),
        check: (_q, e) => e.outcome === 'failed',
      },
      {
        name: 'by free text',
        make: () => ({ text: SEARCH_WORD }),
        check: (_q, e) => JSON.stringify(e.meta).includes(SEARCH_WORD),
      },
    ];

    const lines: string[] = [];
    const plans: string[] = [];
    const measure = async (
      name: string,
      run: () => Promise<{
        query: AuditQuery;
        items: Record<string, unknown>[];
        /** The time of the part measured, when not the whole run. */
        ms?: number;
      }>,
      check: (q: AuditQuery, e: Record<string, unknown>) => boolean,
    ) => {
      await run(); // warm up
      const times: number[] = [];
      let items = 0;
      let sql: { sql: string; bindings: unknown[] } | undefined;
      for (let s = 0; s < SAMPLES; s++) {
        const t0 = performance.now();
        const page = await run();
        times.push(page.ms ?? performance.now() - t0);
        sql = captured;
        items += page.items.length;
        for (const item of page.items) {
          expect(check(page.query, item)).toBe(true);
        }
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      lines.push(
        `    ${name.padEnd(24)} p50 ${percentile(times, 50).toFixed(
          1,
        )} ms, p95 ${p95.toFixed(1)} ms, max ${times[times.length - 1].toFixed(
          1,
        )} ms, ${(items / SAMPLES).toFixed(
          1,
        )} items/page (target p95 <= ${TARGET_P95_MS} ms: ${ok(
          p95 <= TARGET_P95_MS,
        )})`,
      );
      if (sql) {
        plans.push(
          `--- ${name}: ${sql.sql}\n${await explain(sql.sql, sql.bindings)}`,
        );
      }
    };

    for (const search of searches) {
      await measure(
        search.name,
        async () => {
          const query = search.make();
          const page = await store.query({ ...query, limit: 50 });
          return { query, items: page.items };
        },
        search.check,
      );
    }
    // A second page of the actor search, by cursor; the first page is fetched untimed.
    const actorSearch = searches[0];
    await measure(
      'by actor, page 2',
      async () => {
        const query = actorSearch.make();
        const first = await store.query({ ...query, limit: 50 });
        const t0 = performance.now();
        const page = first.nextCursor
          ? await store.query({ ...query, limit: 50, cursor: first.nextCursor })
          : first;
        return { query, items: page.items, ms: performance.now() - t0 };
      },
      actorSearch.check,
    );
    print(
      `  searches (store.query, limit 50, ${SAMPLES} runs each; page 2 timed alone):`,
    );
    lines.forEach(print);

    // ---------------------------------------------------------------- 4. export
    let exported = 0;
    const sink = new Writable({
      write(_chunk, _encoding, callback) {
        callback();
      },
    });
    (global as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 100);
    const exportStart = performance.now();
    for await (const entry of store.stream({})) {
      exported += 1;
      if (!sink.write(`${JSON.stringify(entry)}\n`)) {
        await once(sink, 'drain');
      }
    }
    const exportMs = performance.now() - exportStart;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(exported).toBe(entries);
    const growth = peak - baseline;
    print(
      `  export (store.stream -> NDJSON, discarded): ${exported} rows in ${(
        exportMs / 1000
      ).toFixed(1)} s; RSS baseline ${mb(baseline)} MB, peak ${mb(
        peak,
      )} MB, growth ${mb(
        growth,
      )} MB (target <= ${TARGET_RSS_GROWTH_MB} MB: ${ok(
        growth <= TARGET_RSS_GROWTH_MB * 1024 * 1024,
      )})`,
    );
    print(`  load average after: ${loadavg()[0].toFixed(1)}`);
    print(
      '  plans (EXPLAIN (ANALYZE, BUFFERS) of the last run of each search):',
    );
    plans.forEach(print);

    await knexB.destroy();
  });
});
