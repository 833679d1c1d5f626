import { join } from 'node:path';
import { api, tokenFor, waitFor } from '../support/api';
import { Portal, startPortal } from '../support/portal';

// yarn bench:infra: the latencies of the infrastructure flow through the real backend and the
// Terraform CLI test double, whose `plan` takes PLAN_MS (scripts/bench-infra.sh sets
// FAKE_TERRAFORM_PLAN_SLEEP_MS), and the scaffolder workers held by requests awaiting
// approval (scaffolder.concurrentTasksLimit is 2 in app-config.yaml). Prints numbers; asserts
// only what the design promises (no worker held while waiting).
const WAITING = 20;
const APPROVED = 5;
const PLAN_MS = Number(process.env.FAKE_TERRAFORM_PLAN_SLEEP_MS ?? 0);
const PLAN_WORKERS = 2; // infra.jobs.workers in app-config.bench.yaml

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
};

describe('infra flow benchmark', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal({
      extraConfig: join(__dirname, 'app-config.bench.yaml'),
      port: 7207,
    });
  });
  afterAll(() => portal?.stop());

  it('measures submit → approval visible, approve → apply start, workers held', async () => {
    const base = portal.baseUrl;
    const dev = await tokenFor(base, 'dev');
    const alan = await tokenFor(base, 'alan');
    const run = Date.now().toString(36);

    const submitToVisible: number[] = [];
    const tasks: string[] = [];
    const submitted = await Promise.all(
      Array.from({ length: WAITING }, async (_, i) => {
        const name = `bench-${run}-${String(i).padStart(3, '0')}`;
        const t0 = Date.now();
        const { body } = await api(base, dev, '/api/scaffolder/v2/tasks', {
          method: 'POST',
          body: {
            templateRef: 'template:default/request-s3-bucket',
            values: {
              name,
              environment: 'sandbox',
              owner: 'group:default/team-payments',
              justification: 'Benchmark of the infrastructure flow',
              versioning: true,
            },
          },
        });
        tasks.push(body.id);
        return { name, t0 };
      }),
    );
    const approvals = new Map<string, string>();
    const visibleAt = new Map<string, number>();
    await waitFor(
      'every approval in the inbox',
      async () => {
        const { body } = await api(
          base,
          alan,
          '/api/approvals/requests?assignedToMe=true&status=pending&limit=100',
        );
        const now = Date.now();
        for (const s of submitted) {
          const hit = body.items.find((a: any) => a.title.includes(s.name));
          if (hit && !approvals.has(s.name)) {
            approvals.set(s.name, hit.id);
            visibleAt.set(s.name, now);
            submitToVisible.push(now - s.t0);
          }
        }
        return approvals.size === WAITING ? true : undefined;
      },
      300_000,
      50,
    );

    // Every template run ends once its approval is open: waiting holds no scaffolder worker.
    // (A run may still be writing its last log line when its approval shows; give it 10 s.)
    const statusesOf = () =>
      Promise.all(
        tasks.map(
          async id =>
            (await api(base, dev, `/api/scaffolder/v2/tasks/${id}`)).body
              .status as string,
        ),
      );
    const running = (list: string[]) =>
      list.filter(s => s === 'processing' || s === 'open').length;
    const statuses = await waitFor(
      'the template runs to end',
      async () => {
        const list = await statusesOf();
        return running(list) === 0 ? list : undefined;
      },
      10_000,
      100,
    ).catch(statusesOf);
    const held = running(statuses);

    // A template without a gate starts at once.
    const tHello = Date.now();
    const hello = await api(base, dev, '/api/scaffolder/v2/tasks', {
      method: 'POST',
      body: {
        templateRef: 'template:default/hello-gantry',
        values: { message: 'benchmark' },
      },
    });
    await waitFor(
      'hello-gantry to finish',
      async () => {
        const { body } = await api(
          base,
          dev,
          `/api/scaffolder/v2/tasks/${hello.body.id}`,
        );
        return body.status === 'completed' ? true : undefined;
      },
      60_000,
      50,
    );
    const helloMs = Date.now() - tHello;

    // The portal's own overhead: submit → visible minus the time spent inside the Terraform
    // CLI, which each plan job writes to the request's log ("Terraform time: … (total N ms)").
    const { body: mine } = await api(
      base,
      dev,
      '/api/infra/requests?mine=true&limit=100',
    );
    const overhead: number[] = [];
    const cliMs: number[] = [];
    const stepMs = new Map<string, number[]>();
    const toStored: number[] = [];
    const afterStored: number[] = [];
    for (const s of submitted) {
      const request = mine.items.find((r: any) => r.resourceName === s.name);
      const { body: logs } = await api(
        base,
        dev,
        `/api/infra/requests/${request.id}/logs`,
      );
      const line = logs.items.find((l: any) =>
        l.line.startsWith('Terraform time:'),
      );
      const [, cli, queued] = /\(total (\d+) ms\); queued (-?\d+) ms/.exec(
        line.line,
      )!;
      cliMs.push(Number(cli));
      for (const [, step, ms] of line.line.matchAll(
        /(\w+) (\d+) ms(?:,| \()/g,
      )) {
        stepMs.set(step, [...(stepMs.get(step) ?? []), Number(ms)]);
      }
      toStored.push(Date.parse(request.createdAt) - s.t0);
      // Waiting for a free worker is Terraform time of the requests ahead; the rest is ours.
      overhead.push(
        visibleAt.get(s.name)! -
          s.t0 -
          Number(cli) -
          Math.max(0, Number(queued)),
      );
      afterStored.push(
        overhead[overhead.length - 1] - toStored[toStored.length - 1],
      );
    }
    const wallMs =
      Math.max(...visibleAt.values()) - Math.min(...submitted.map(s => s.t0));
    const idealMs = (WAITING * PLAN_MS) / PLAN_WORKERS;
    const cliIdealMs = cliMs.reduce((a, b) => a + b, 0) / PLAN_WORKERS;

    // Approve some, and time approve → apply start (the request's applyStartedAt).
    const approveToApply: number[] = [];
    for (const s of submitted.slice(0, APPROVED)) {
      const approvalId = approvals.get(s.name)!;
      const request = mine.items.find((r: any) => r.approvalId === approvalId);
      const tApprove = Date.now();
      await api(base, alan, `/api/approvals/requests/${approvalId}/decision`, {
        method: 'POST',
        body: { decision: 'approve' },
      });
      const started = await waitFor(
        'the apply to start',
        async () => {
          const { body } = await api(
            base,
            dev,
            `/api/infra/requests/${request.id}`,
          );
          return body.applyStartedAt
            ? Date.parse(body.applyStartedAt)
            : undefined;
        },
        60_000,
        25,
      );
      approveToApply.push(started - tApprove);
    }

    // eslint-disable-next-line no-console
    console.log(
      [
        `infra bench (${WAITING} requests, concurrentTasksLimit 2, ${PLAN_WORKERS} plan workers, ${
          PLAN_MS
            ? `plan ${PLAN_MS} ms in the CLI double`
            : 'the Terraform binary of the portal'
        }):`,
        `  submit → approval visible to an approver: p50 ${pct(
          submitToVisible,
          50,
        )} ms, p95 ${pct(submitToVisible, 95)} ms, max ${Math.max(
          ...submitToVisible,
        )} ms`,
        `  portal overhead (submit → visible, minus time inside the Terraform CLI and waiting for a worker busy in it): p50 ${pct(
          overhead,
          50,
        )} ms, p95 ${pct(overhead, 95)} ms`,
        `    of which submit → request stored (scaffolder task and submit step): p50 ${pct(
          toStored,
          50,
        )} ms, p95 ${pct(toStored, 95)} ms`,
        `    and after it is stored (claim, render, store the plan, open the approval): p50 ${pct(
          afterStored,
          50,
        )} ms, p95 ${pct(afterStored, 95)} ms`,
        `  per Terraform step, p50: ${[...stepMs]
          .map(([step, values]) => `${step} ${pct(values, 50)} ms`)
          .join(', ')}`,
        `  time inside the CLI per plan job (init + plan + show): p50 ${pct(
          cliMs,
          50,
        )} ms, p95 ${pct(cliMs, 95)} ms`,
        `  wall time for all ${WAITING}: ${wallMs} ms; ${
          PLAN_MS
            ? `ideal ${WAITING} × ${PLAN_MS} ms / ${PLAN_WORKERS} workers = ${idealMs} ms (${(
                wallMs / idealMs
              ).toFixed(2)}×); `
            : ''
        }CLI-bound ideal (sum of CLI time / ${PLAN_WORKERS}) = ${Math.round(
          cliIdealMs,
        )} ms (${(wallMs / Math.max(1, cliIdealMs)).toFixed(2)}×)`,
        `  scaffolder workers held by ${WAITING} waiting requests: ${held}`,
        `  gate-free template (hello-gantry) submit → completed with them waiting: ${helloMs} ms`,
        `  approve → apply starts (${APPROVED} requests): p50 ${pct(
          approveToApply,
          50,
        )} ms, max ${Math.max(...approveToApply)} ms`,
      ].join('\n'),
    );
    expect(held).toBe(0);
  });
});
