import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { api, submitBucketRequest, waitFor } from '../support/api';
import {
  backstageTokenOf,
  launchBrowser,
  signInThroughIdp,
} from '../support/browser';
import { Idp, startIdp } from '../support/idp';
import { startReplicas } from '../support/replicas';

// yarn bench:replicas: plan throughput and submit → approval visible through nginx, with two
// production replicas on one PostgreSQL and then with one. Terraform is the CLI test double,
// whose plan takes FAKE_TERRAFORM_PLAN_SLEEP_MS (2 s, scripts/bench-replicas.sh), so the
// numbers show how the job queue spreads plans over the replicas' workers. Prints a table;
// asserts only that every request reached its approver.
const REQUESTS = Number(process.env.GANTRY_BENCH_REPLICAS_REQUESTS ?? 200);
const PLAN_MS = Number(process.env.FAKE_TERRAFORM_PLAN_SLEEP_MS ?? 0);
const WORKERS = 2; // infra.jobs.workers per replica (the default)
const SUBMIT_CONCURRENCY = 20;
const NGINX_PORT = 7400;
const IDP_PORT = 7411;
const CLIENT_ID = 'gantry-bench';
const CLIENT_SECRET = 'gantry-bench-client-secret';

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
};

type Result = {
  replicas: number;
  wallMs: number;
  plansPerMinute: number;
  p50: number;
  p95: number;
};

describe('replicas benchmark', () => {
  let dir: string;
  let idp: Idp;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gantry-bench-replicas-'));
    idp = await startIdp({
      port: IDP_PORT,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: `http://localhost:${NGINX_PORT}/api/auth/oidc/handler/frame`,
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await idp?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function run(replicaCount: number): Promise<Result> {
    const ports = Object.fromEntries(
      Array.from({ length: replicaCount }, (_, i) => [
        String.fromCharCode(97 + i),
        NGINX_PORT + 1 + i,
      ]),
    );
    const jobsConfig = join(dir, 'app-config.jobs.yaml');
    writeFileSync(
      jobsConfig,
      JSON.stringify({
        infra: { jobs: { workers: WORKERS, pollIntervalSeconds: 0.5 } },
      }),
    );
    const cluster = await startReplicas({
      dir: join(dir, `cluster-${replicaCount}`),
      nginxPort: NGINX_PORT,
      replicas: ports,
      oidc: {
        issuer: idp.issuer,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      },
      extraConfig: [jobsConfig],
    });
    try {
      const base = cluster.baseUrl;
      const tokens: Record<string, string> = {};
      for (const user of ['dev', 'alan']) {
        const page = await signInThroughIdp(browser, base, user);
        await page
          .getByRole('heading', { name: /^Welcome/ })
          .waitFor({ timeout: 60_000 });
        tokens[user] = await backstageTokenOf(page);
        await page.context().close();
      }

      const prefix = `bench-${replicaCount}-${Date.now().toString(36)}`;
      const submittedAt = new Map<string, number>();
      // Zero-padded, so that no name is the start of another (the inbox is matched by title).
      const names = Array.from(
        { length: REQUESTS },
        (_, i) => `${prefix}-${String(i).padStart(4, '0')}`,
      );
      const queue = [...names];
      await Promise.all(
        Array.from({ length: SUBMIT_CONCURRENCY }, async () => {
          for (let name = queue.shift(); name; name = queue.shift()) {
            submittedAt.set(name, Date.now());
            await submitBucketRequest(
              base,
              tokens.dev,
              name,
              'Benchmark of two replicas behind nginx',
            );
          }
        }),
      );

      // The approval opens once the plan is stored: its arrival in the approver's inbox is
      // the end of the plan job.
      const visibleAt = new Map<string, number>();
      await waitFor(
        'every approval in the inbox',
        async () => {
          let cursor: string | undefined;
          do {
            const { body } = await api(
              base,
              tokens.alan,
              `/api/approvals/requests?assignedToMe=true&status=pending&limit=100${
                cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
              }`,
            );
            const now = Date.now();
            for (const item of body.items) {
              const name = names.find(n => item.title.includes(n));
              if (name && !visibleAt.has(name)) visibleAt.set(name, now);
            }
            cursor = body.nextCursor;
          } while (cursor);
          return visibleAt.size === REQUESTS ? true : undefined;
        },
        30 * 60_000,
        250,
      );
      const latencies = names.map(n => visibleAt.get(n)! - submittedAt.get(n)!);
      const wallMs =
        Math.max(...visibleAt.values()) - Math.min(...submittedAt.values());
      return {
        replicas: replicaCount,
        wallMs,
        plansPerMinute: (REQUESTS / wallMs) * 60_000,
        p50: pct(latencies, 50),
        p95: pct(latencies, 95),
      };
    } finally {
      await cluster.stop();
    }
  }

  it(
    'prints plan throughput and submit → approval visible with 2 replicas and with 1',
    async () => {
      const results = [await run(2), await run(1)];
      const [two, one] = results;
      const row = (r: Result) =>
        `| ${String(r.replicas).padStart(8)} | ${String(
          Math.round(r.wallMs),
        ).padStart(8)} | ${r.plansPerMinute.toFixed(1).padStart(12)} | ${String(
          r.p50,
        ).padStart(8)} | ${String(r.p95).padStart(8)} |`;
      // eslint-disable-next-line no-console
      console.log(
        [
          `bench:replicas: ${REQUESTS} S3 bucket requests through nginx, each plan ${PLAN_MS} ms (the CLI test double), ${WORKERS} workers per replica`,
          `| replicas |  wall ms | plans/minute | p50 ms   | p95 ms   |`,
          `|---------:|---------:|-------------:|---------:|---------:|`,
          ...results.map(row),
          `2 replicas give ${(two.plansPerMinute / one.plansPerMinute).toFixed(
            2,
          )}× the plan throughput of one (target ≥ 1.8×).`,
        ].join('\n'),
      );
      expect(results.every(r => Number.isFinite(r.wallMs))).toBe(true);
    },
    60 * 60_000,
  );
});
