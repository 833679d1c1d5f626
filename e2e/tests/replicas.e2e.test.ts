import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  APPROVALS_SIGNAL_CHANNEL,
  ApprovalsSignal,
} from '@internal/plugin-approvals-common';
import { Client } from 'pg';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  cliRunsOf,
  FAKE_TERRAFORM,
} from '../../plugins/infra-backend/src/__testUtils__/fakes';
import { api, waitFor } from '../support/api';
import {
  backstageTokenOf,
  launchBrowser,
  signInThroughIdp,
} from '../support/browser';
import { Idp, startIdp } from '../support/idp';
import {
  FAIL_TIMEOUT_SECONDS,
  pinCookie,
  PIN,
  UPSTREAM_HEADER,
} from '../support/nginx';
import { Exit, postgres } from '../support/productionPortal';
import { Replicas, startReplicas } from '../support/replicas';

// Two production backends (scripts/production.sh start, the unpacked bundle) on one
// PostgreSQL behind a real nginx, round-robin and without sticky sessions: the browser and
// every API call go through nginx. A test pins a call to one replica only where it has to say
// which one served it (the PIN header or cookie); nothing else is sticky.
//
// Terraform is the CLI test double (GANTRY_TERRAFORM_BINARY) with one argv log per replica,
// which says which replica ran each command. It keeps state in the workspace rather than in
// the pg backend the production profile renders; these cases only create, and the apply
// takes the approved plan file from the database on whichever replica runs it.
//
// The last cases reuse the same cluster and end replicas the way pods end: SIGKILL mid-plan
// and mid-apply (the replica and its Terraform child die at once), and SIGTERM one after the
// other during 20 requests (a rolling restart). A replica started again stays out of nginx's
// round-robin until it is ready, as behind a load balancer that follows readiness. They run
// in this order because the replicas start with a ten-minute sweeper and come back with
// SCHEDULE_SECONDS: the scheduled-jobs case and the mid-apply kill need the fast one on both.
const NGINX_PORT = 7300;
const REPLICAS = { a: 7301, b: 7302 };
const IDP_PORT = 7311;
const CLIENT_ID = 'gantry-e2e';
const CLIENT_SECRET = 'gantry-e2e-client-secret';
/**
 * How much later than on its own replica a signal may reach a page on the other. The target
 * is a second, and quiet runs take 60–700 ms; the bound leaves room for a machine running
 * other suites at once (2.4 s seen at a load of 15 on two cores). A bus that did not carry
 * the signal, or fell back to its 55 s long-poll timeout, still fails it.
 */
const SIGNAL_CROSSING_BOUND_MS = 3_000;
/** What the production profile would wait at most to follow a decision whose event it missed. */
const PRODUCTION_SWEEP_MS = 10_000;
/**
 * The infra job timings of every replica (`infra.jobs`), short so that a dead replica's job
 * is taken over within seconds: a claim not renewed for STALE_AFTER_MS is taken as dead.
 */
const JOBS = {
  pollIntervalSeconds: 1,
  heartbeatSeconds: 1,
  staleAfterSeconds: 5,
  shutdownGraceSeconds: 2,
};
const STALE_AFTER_MS = JOBS.staleAfterSeconds * 1000;
/**
 * The period of the scheduled jobs once a replica has restarted: the sweeper, the approvals
 * expiry and the infra catalog refresh. The replicas start with the sweeper at ten minutes
 * (see beforeAll); every restart below brings them to this.
 */
const SCHEDULE_SECONDS = 2;
/** How long a SIGTERMed replica may take to exit: grace for jobs, 5 s for open requests. */
const TERMINATION_BOUND_MS = 30_000;
/** A plan at a time of the rolling restart: longer than the grace, so some are handed back. */
const ROLLING_PLAN_MS = 4_000;
const ROLLING_REQUESTS = 20;
const SUBMIT_EVERY_MS = 1_500;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** The approvals signal a frame of the signals WebSocket carries, if it carries one. */
function approvalsSignalOf(
  payload: string | Buffer,
): ApprovalsSignal | undefined {
  try {
    const frame = JSON.parse(String(payload));
    return frame?.channel === APPROVALS_SIGNAL_CHANNEL
      ? frame.message
      : undefined;
  } catch {
    return undefined;
  }
}

describe('two replicas behind nginx', () => {
  let dir: string;
  let idp: Idp;
  let cluster: Replicas;
  let browser: Browser;
  const tokens: Record<string, string> = {};
  /** Each user's signed-in browser state (cookies), to open more pages as them. */
  const sessions: Record<string, StorageState> = {};
  const argvLog = (replica: string) => join(dir, `terraform-${replica}.log`);
  const terraformBinary = () => join(dir, 'terraform');
  const knobsFile = () => join(dir, 'terraform-delays.env');
  /** The config files a replica restarts with (beforeAll writes them). */
  let restartConfig: string[] = [];
  /** Replicas that run `restartConfig` now. */
  const restarted = new Set<string>();

  /** How long the CLI double's next plans and applies take, on every replica. */
  function setTerraformDelays(delays: { planMs?: number; applyMs?: number }) {
    writeFileSync(
      knobsFile(),
      `export FAKE_TERRAFORM_PLAN_SLEEP_MS=${delays.planMs ?? 0}\n` +
        `export FAKE_TERRAFORM_APPLY_SLEEP_MS=${delays.applyMs ?? 0}\n`,
    );
  }

  /** How many times the CLI double ran `command` for a request, by replica. */
  const runsOf = (command: string, id: string) =>
    Object.fromEntries(
      Object.keys(REPLICAS).map(replica => [
        replica,
        cliRunsOf(argvLog(replica), command, id),
      ]),
    );
  /** The argv of each plan the CLI double started on a replica, in order. */
  const plansStartedOn = (replica: string): string[][] =>
    existsSync(argvLog(replica))
      ? readFileSync(argvLog(replica), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map(line => JSON.parse(line) as string[])
          .filter(argv => argv[0] === 'plan')
      : [];
  const total = (counts: Record<string, number>) =>
    Object.values(counts).reduce((sum, n) => sum + n, 0);
  const otherThan = (replica: string) =>
    Object.keys(REPLICAS).find(r => r !== replica)!;

  /** Which replica a response came from, by nginx's upstream header. */
  const replicaOf = (res: Response) => {
    const upstream = res.headers.get(UPSTREAM_HEADER) ?? '';
    return Object.entries(REPLICAS).find(([, port]) =>
      upstream.endsWith(`:${port}`),
    )?.[0];
  };

  /** A call through nginx as a user, pinned to a replica when `replica` says which. */
  async function call(
    user: string,
    path: string,
    init: { method?: string; body?: unknown; replica?: string } = {},
  ) {
    const res = await fetch(`${cluster.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        Authorization: `Bearer ${tokens[user]}`,
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...(init.replica ? { [PIN]: init.replica } : {}),
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
    return {
      body: text ? JSON.parse(text) : undefined,
      replica: replicaOf(res),
    };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gantry-replicas-e2e-'));
    // The sweeper is the way out for a decision whose event was missed, every 10 s in
    // production. Here it waits ten minutes, so that only an event can start an apply within
    // the test: a fast apply proves the event, not a lucky sweep.
    const sweeperConfig = join(dir, 'app-config.sweeper.yaml');
    writeFileSync(
      sweeperConfig,
      JSON.stringify({
        infra: {
          sweeper: {
            frequency: { minutes: 10 },
            timeout: { minutes: 1 },
            initialDelay: { minutes: 10 },
          },
        },
      }),
    );
    const jobsConfig = join(dir, 'app-config.jobs.yaml');
    writeFileSync(
      jobsConfig,
      JSON.stringify({
        // The pools' idle connections close as app-config.production.yaml says (knexConfig).
        infra: { jobs: JOBS },
      }),
    );
    // What a replica starts again with: the same jobs, and the scheduled jobs every
    // SCHEDULE_SECONDS (its sweeper settles the applies whose replica was killed).
    const every = {
      frequency: { seconds: SCHEDULE_SECONDS },
      timeout: { seconds: 20 },
      initialDelay: { seconds: 1 },
    };
    const schedulesConfig = join(dir, 'app-config.schedules.yaml');
    writeFileSync(
      schedulesConfig,
      JSON.stringify({
        infra: { sweeper: every },
        approvals: { expirySweep: every },
        gantry: { infra: { catalogRefreshSeconds: SCHEDULE_SECONDS } },
      }),
    );
    restartConfig = [jobsConfig, schedulesConfig];
    // The CLI double, behind a script that reads its delays from a file at every command, so
    // that a case can make one plan or apply slow on running replicas.
    setTerraformDelays({});
    writeFileSync(
      terraformBinary(),
      `#!/bin/sh\n. '${knobsFile()}'\nexec '${FAKE_TERRAFORM}' "$@"\n`,
      { mode: 0o755 },
    );
    const baseUrl = `http://localhost:${NGINX_PORT}`;
    idp = await startIdp({
      port: IDP_PORT,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: `${baseUrl}/api/auth/oidc/handler/frame`,
    });
    const startedAt = Date.now();
    cluster = await startReplicas({
      dir,
      nginxPort: NGINX_PORT,
      replicas: REPLICAS,
      oidc: {
        issuer: idp.issuer,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      },
      extraConfig: [sweeperConfig, jobsConfig],
      envOf: name => ({
        GANTRY_TERRAFORM_BINARY: terraformBinary(),
        FAKE_TERRAFORM_ARGV_LOG: argvLog(name),
      }),
    });
    const replicasStartedAt = Date.now();
    browser = await launchBrowser();
    // Signing in crosses replicas too: the popup's start, the provider's callback and the
    // refresh each go to whichever replica is next.
    await Promise.all(
      ['dev', 'alan', 'ada'].map(async user => {
        const page = await signInThroughIdp(browser, cluster.baseUrl, user);
        await page
          .getByRole('heading', { name: /^Welcome/ })
          .waitFor({ timeout: 30_000 });
        tokens[user] = await backstageTokenOf(page);
        sessions[user] = await page.context().storageState();
        await page.context().close();
      }),
    );
    // eslint-disable-next-line no-console
    console.log(
      `replicas: both started in ${
        replicasStartedAt - startedAt
      } ms, three users signed in in ${Date.now() - replicasStartedAt} ms`,
    );
  }, 170_000);

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
    await idp?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Files an S3 bucket request as dev through replica A. */
  async function requestBucket(name: string) {
    const created = await call('dev', '/api/infra/requests', {
      method: 'POST',
      replica: 'a',
      body: {
        kind: 's3-bucket',
        name,
        environment: 'sandbox',
        ownerRef: 'group:default/team-payments',
        justification: 'Two replicas, end-to-end test',
        parameters: { versioning: true },
      },
    });
    expect(created.replica).toBe('a');
    return created.body.id as string;
  }

  const requestOf = async (id: string) =>
    (await call('dev', `/api/infra/requests/${id}`)).body;

  type AuditEntry = { eventId: string; outcome: string; timestamp: string };
  /** A request's entries in the audit trail, as ada (an auditor) reads them. */
  const auditTrailOf = async (id: string) =>
    (
      await api<{ items: AuditEntry[] }>(
        cluster.baseUrl,
        tokens.ada,
        `/api/audit/events?target=${id}&limit=200`,
      )
    ).body.items;
  const auditCount = (trail: AuditEntry[], eventId: string, outcome: string) =>
    trail.filter(e => e.eventId === eventId && e.outcome === outcome).length;

  /** Waits for a request to reach one of `statuses`. */
  const settledIn = (id: string, statuses: string[], timeoutMs = 60_000) =>
    waitFor(
      `${id} to be ${statuses.join(' or ')}`,
      async () => {
        const request = await requestOf(id);
        return statuses.includes(request.status) ? request : undefined;
      },
      timeoutMs,
      100,
    );

  /**
   * A user's calls through nginx, round-robin, one every 100 ms with no retry of their own,
   * until `stop`: what a user clicking around sees while a replica goes away.
   */
  function watchTraffic(user = 'dev') {
    const calls: {
      status: number | string;
      replica?: string;
      upstream?: string | null;
    }[] = [];
    let watching = true;
    const loop = (async () => {
      while (watching) {
        try {
          const res = await fetch(
            `${cluster.baseUrl}/api/infra/requests?limit=1`,
            { headers: { Authorization: `Bearer ${tokens[user]}` } },
          );
          await res.text();
          calls.push({
            status: res.status,
            replica: replicaOf(res),
            upstream: res.headers.get(UPSTREAM_HEADER),
          });
        } catch (error) {
          calls.push({ status: String(error) });
        }
        await sleep(100);
      }
    })();
    return {
      async stop() {
        watching = false;
        await loop;
        return {
          count: calls.length,
          failed: calls.filter(c => c.status !== 200),
          servedBy: [...new Set(calls.map(c => c.replica))].sort(),
          /** Calls nginx first sent to the dead replica, then to the next (`a, b`). */
          passedOn: calls.filter(c => c.upstream?.includes(',')).length,
        };
      },
    };
  }

  /**
   * Waits for a replica to start Terraform's `command` for the request and SIGKILLs it: the
   * replica and its Terraform child die at once, as a pod whose node fails. A user's traffic
   * through nginx is watched from then on, and Terraform runs at full speed again for the
   * survivor.
   */
  async function killReplicaRunning(command: 'plan' | 'apply', id: string) {
    const killed = await waitFor(
      `a replica to start the ${command}`,
      async () =>
        Object.keys(REPLICAS).find(r => cliRunsOf(argvLog(r), command, id)),
      30_000,
      100,
    );
    const killedAt = Date.now();
    const exit = await cluster.replica(killed).kill();
    const traffic = watchTraffic();
    setTerraformDelays({});
    return { killed, survivor: otherThan(killed), killedAt, exit, traffic };
  }

  /**
   * Submits a request through nginx, round-robin, as a user whose client retries what a
   * restarting replica may answer (no answer, 502, 503). A retry of a submission that did
   * land conflicts on the name; the request is then the one of that name. `replica` pins it.
   */
  async function submitThroughNginx(
    name: string,
    retries: string[],
    replica?: string,
  ) {
    const body = {
      kind: 's3-bucket',
      name,
      environment: 'sandbox',
      ownerRef: 'group:default/team-payments',
      justification: 'Two replicas, end-to-end test',
      parameters: { versioning: true },
    };
    for (let attempt = 1; ; attempt++) {
      let outcome: string;
      try {
        const res = await fetch(`${cluster.baseUrl}/api/infra/requests`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${tokens.dev}`,
            'Content-Type': 'application/json',
            ...(replica ? { [PIN]: replica } : {}),
          },
          body: JSON.stringify(body),
        });
        const text = await res.text();
        if (res.ok) return JSON.parse(text).id as string;
        if (res.status === 409 && attempt > 1) {
          const { items } = (await call('dev', '/api/infra/requests?limit=100'))
            .body as { items: { id: string; resourceName: string }[] };
          const landed = items.find(r => r.resourceName === name);
          if (landed) return landed.id;
        }
        if (![502, 503].includes(res.status) || attempt >= 10) {
          throw new Error(`submitting ${name}: ${res.status} ${text}`);
        }
        outcome = String(res.status);
      } catch (error) {
        if (attempt >= 10 || !(error instanceof TypeError)) throw error;
        outcome = String(error);
      }
      retries.push(`submit ${name}: ${outcome}`);
      await sleep(500);
    }
  }

  /** A call through nginx as a user, retried the way {@link submitThroughNginx} is. */
  async function callWithRetry(
    user: string,
    path: string,
    retries: string[],
    init: { method?: string; body?: unknown; replica?: string } = {},
  ) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call(user, path, init);
      } catch (error) {
        const message = String(error);
        const retriable =
          error instanceof TypeError || /: 50[23] /.test(message);
        if (!retriable || attempt >= 10) throw error;
        retries.push(
          `${init.method ?? 'GET'} ${path}: ${
            /: (\d{3}) /.exec(message)?.[1] ?? message
          }`,
        );
        await sleep(500);
      }
    }
  }

  /** Whether a replica answers its readiness check on its own port. */
  const isReady = async (name: string) => {
    try {
      const res = await fetch(
        `http://localhost:${
          REPLICAS[name as keyof typeof REPLICAS]
        }/.backstage/health/v1/readiness`,
      );
      return res.ok;
    } catch {
      return false;
    }
  };

  /** A restart of a killed replica a case leaves running for the next one. */
  let restarting: Promise<unknown> | undefined;
  /** Both replicas running, restarted with `restartConfig` if `schedules` asks for it. */
  async function bothRunning(options: { schedules?: boolean } = {}) {
    await restarting?.catch(() => undefined);
    restarting = undefined;
    for (const name of Object.keys(REPLICAS)) {
      const stale = options.schedules && !restarted.has(name);
      if (stale || !(await isReady(name))) {
        if (stale) await cluster.replica(name).terminate(TERMINATION_BOUND_MS);
        await restartReplica(name);
      }
    }
  }
  async function restartReplica(name: string) {
    restarted.delete(name);
    await cluster.restart(name, { extraConfig: restartConfig });
    restarted.add(name);
  }

  /** Queries one plugin's database (`backend.database.prefix` + plugin id). */
  async function queryPluginDatabase<T>(
    pluginId: string,
    sql: string,
    values: unknown[] = [],
  ): Promise<T[]> {
    const client = new Client({
      ...postgres,
      database: `${cluster.databasePrefix}${pluginId}`,
    });
    // The databases are dropped with their connections (WITH FORCE) after the file.
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(sql, values)).rows;
    } finally {
      await client.end();
    }
  }

  it('balances calls round-robin over both replicas, and each accepts the tokens the other issued', async () => {
    const served = new Set<string | undefined>();
    for (let i = 0; i < 4; i++) {
      served.add((await call('dev', '/api/infra/requests?limit=1')).replica);
    }
    expect([...served].sort()).toEqual(['a', 'b']);
    for (const replica of Object.keys(REPLICAS)) {
      for (const user of Object.keys(tokens)) {
        const res = await call(user, '/api/approvals/requests?limit=1', {
          replica,
        });
        expect([user, res.replica]).toEqual([user, replica]);
      }
    }
  });

  it('keeps every plugin of every replica on the shared events bus', async () => {
    // With `events.useEventBus: auto`, a plugin that subscribed before the events backend
    // answered got a 404 and stayed local-only for the life of the process (seen for the
    // catalog and for signals): its replica no longer heard the others.
    for (const replica of cluster.replicas) {
      const lines = readFileSync(replica.logFile, 'utf8')
        .split('\n')
        .filter(line => line.includes('events backend not found'));
      expect([replica.name, lines]).toEqual([replica.name, []]);
    }
  });

  it('updates an approver inbox on each replica live from the other: an approval opened by one replica and decided through the other', async () => {
    const name = `e2e-live-${Date.now().toString(36)}`;
    // alan's session in one browser pinned to each replica: its page, its API calls and its
    // signals WebSocket all go to that replica.
    const inboxes: Record<string, Page> = {};
    /** When each replica's page got each approvals signal, by request id and status. */
    const signalAt: Record<string, Record<string, number>> = {};
    await Promise.all(
      Object.keys(REPLICAS).map(async replica => {
        const context = await browser.newContext({
          baseURL: cluster.baseUrl,
          storageState: sessions.alan,
        });
        await context.addCookies([pinCookie(cluster.baseUrl, replica)]);
        const page = await context.newPage();
        signalAt[replica] = {};
        const subscribed = new Promise<void>(resolve =>
          page.on('websocket', ws => {
            if (!ws.url().includes('/api/signals')) return;
            ws.on('framesent', frame => {
              if (String(frame.payload).includes(APPROVALS_SIGNAL_CHANNEL)) {
                resolve();
              }
            });
            ws.on('framereceived', frame => {
              const signal = approvalsSignalOf(frame.payload);
              const key = signal && `${signal.requestId}/${signal.status}`;
              if (key && !signalAt[replica][key]) {
                signalAt[replica][key] = Date.now();
              }
            });
          }),
        );
        await page.goto('/approvals');
        // Ready once the inbox has subscribed to the approvals channel on its replica.
        await Promise.race([
          subscribed,
          new Promise((_, reject) =>
            setTimeout(
              () => reject(new Error(`no signals subscription on ${replica}`)),
              30_000,
            ).unref(),
          ),
        ]);
        inboxes[replica] = page;
      }),
    );
    const rowOn = (replica: string) =>
      inboxes[replica].getByRole('link', { name: new RegExp(name) });

    // 1. The approval opens on the replica whose worker planned the request; the inbox on
    // each replica shows it without a reload.
    const id = await requestBucket(name);
    await Promise.all(
      Object.keys(REPLICAS).map(replica =>
        rowOn(replica).waitFor({ timeout: 30_000 }),
      ),
    );
    const shownAt = Date.now();
    const { approvalId } = await requestOf(id);
    const openedOn = Object.keys(REPLICAS).filter(
      replica => cliRunsOf(argvLog(replica), 'plan', id) > 0,
    );
    expect(openedOn).toHaveLength(1);
    const [decidedOn] = Object.keys(REPLICAS).filter(r => r !== openedOn[0]);

    // 2. alan rejects it through the other replica; the inbox on each drops it.
    await call('alan', `/api/approvals/requests/${approvalId}/decision`, {
      method: 'POST',
      replica: decidedOn,
      body: { decision: 'reject', comment: 'Not needed after all' },
    });
    await Promise.all(
      Object.keys(REPLICAS).map(replica =>
        rowOn(replica).waitFor({ state: 'detached', timeout: 30_000 }),
      ),
    );

    // Each signal reached the page on the other replica soon after the page on the replica
    // that published it: the events bus carried it across, woken by PostgreSQL's NOTIFY.
    const crossing = (status: string, from: string) => {
      const [to] = Object.keys(REPLICAS).filter(r => r !== from);
      const at = (replica: string) =>
        signalAt[replica][`${approvalId}/${status}`];
      return { from, to, ms: at(to) - at(from) };
    };
    const opened = crossing('pending', openedOn[0]);
    const decided = crossing('rejected', decidedOn);
    const { createdAt } = (
      await call('alan', `/api/approvals/requests/${approvalId}`)
    ).body;
    // eslint-disable-next-line no-console
    console.log(
      `replicas: signals crossed ${JSON.stringify([
        opened,
        decided,
      ])}; the approval was in both inboxes ${
        shownAt - Date.parse(createdAt)
      } ms after it was opened`,
    );
    for (const { from, to, ms } of [opened, decided]) {
      expect({ from, to, ms, inTime: ms < SIGNAL_CROSSING_BOUND_MS }).toEqual({
        from,
        to,
        ms,
        inTime: true,
      });
    }
    await Promise.all(
      Object.values(inboxes).map(page => page.context().close()),
    );
  });

  it('plans and applies once a request submitted through replica A and approved through replica B, starting the apply on the decision event', async () => {
    const name = `e2e-twice-${Date.now().toString(36)}`;
    const id = await requestBucket(name);
    const planned = await waitFor('the plan to reach approval', async () => {
      const request = await requestOf(id);
      return request.status === 'awaiting_approval' ? request : undefined;
    });

    const decidedAt = Date.now();
    const decision = await call(
      'alan',
      `/api/approvals/requests/${planned.approvalId}/decision`,
      {
        method: 'POST',
        replica: 'b',
        body: { decision: 'approve', comment: 'Approved on the other replica' },
      },
    );
    expect(decision.replica).toBe('b');
    const applied = await waitFor(
      'the apply',
      async () => {
        const request = await requestOf(id);
        return ['applied', 'failed'].includes(request.status)
          ? request
          : undefined;
      },
      60_000,
    );
    expect(applied.status).toBe('applied');
    expect(applied.outputs.bucket_name).toBe(name);

    // Terraform ran one plan and one apply for it, over both replicas together.
    const plans = runsOf('plan', id);
    const applies = runsOf('apply', id);
    expect([total(plans), total(applies)]).toEqual([1, 1]);
    // And the audit trail has one plan and one apply job for it.
    const trail = await auditTrailOf(id);
    const initiated = (eventId: string) =>
      trail.filter(e => e.eventId === eventId && e.outcome === 'initiated');
    expect(initiated('infra-request-plan')).toHaveLength(1);
    expect(initiated('infra-request-apply')).toHaveLength(1);

    // The decision reached the infra plugin as an event: without one nothing would apply
    // before the sweep in ten minutes; with it the apply starts well inside one production
    // sweep interval (10 s), even on a busy machine.
    const applyStartedAfter =
      Date.parse(initiated('infra-request-apply')[0].timestamp) - decidedAt;
    // eslint-disable-next-line no-console
    console.log(
      `replicas: planned on ${JSON.stringify(
        plans,
      )}, applied on ${JSON.stringify(
        applies,
      )}; the apply started ${applyStartedAfter} ms after the decision was sent (sweep: ${PRODUCTION_SWEEP_MS} ms in production)`,
    );
    expect(applyStartedAfter).toBeLessThan(PRODUCTION_SWEEP_MS / 2);
  });
  it('takes a plan over on the other replica once the claim of the replica killed mid-plan is stale, with nginx routing around the dead one', async () => {
    await bothRunning();
    setTerraformDelays({ planMs: 120_000 });
    const name = `e2e-kill-plan-${Date.now().toString(36)}`;
    const id = await submitThroughNginx(name, []);
    const { killed, survivor, killedAt, exit, traffic } =
      await killReplicaRunning('plan', id);
    const takenOverAt = await waitFor(
      'the other replica to plan it again',
      async () =>
        cliRunsOf(argvLog(survivor), 'plan', id) > 0 ? Date.now() : undefined,
      STALE_AFTER_MS + 20_000,
      100,
    );
    const planned = await settledIn(id, ['awaiting_approval', 'failed']);
    const calls = await traffic.stop();
    // The next case needs it back; it starts while this one checks.
    restarting = restartReplica(killed).catch(error => error);

    const takeoverMs = takenOverAt - killedAt;
    const [row] = await queryPluginDatabase<{ attempts: number }>(
      'infra',
      'SELECT attempts FROM infra_requests WHERE id = $1',
      [id],
    );
    // eslint-disable-next-line no-console
    console.log(
      `replicas: killed ${killed} mid-plan (${
        exit.signal
      }); ${survivor} planned it again ${takeoverMs} ms later (staleAfterSeconds ${
        JOBS.staleAfterSeconds
      }), ${planned.status} ${Date.now() - killedAt} ms after the kill; ${
        calls.count
      } calls through nginx meanwhile, served by ${JSON.stringify(
        calls.servedBy,
      )} (${
        calls.passedOn
      } tried the dead one first, fail_timeout ${FAIL_TIMEOUT_SECONDS} s), ${
        calls.failed.length
      } failed`,
    );
    expect(exit.signal).toBe('SIGKILL');
    expect(planned.status).toBe('awaiting_approval');
    // Not before the claim went stale (its last heartbeat was at most a heartbeat before the
    // kill), and within a poll or two after.
    expect(takeoverMs).toBeGreaterThanOrEqual(
      STALE_AFTER_MS - JOBS.heartbeatSeconds * 1000 - 200,
    );
    expect(takeoverMs).toBeLessThan(STALE_AFTER_MS + 5_000);
    // One plan on each: the killed one and the one that counts; two claims.
    expect(runsOf('plan', id)).toEqual({ [killed]: 1, [survivor]: 1 });
    expect(Number(row.attempts)).toBe(2);
    // Every call a user made meanwhile was answered, by the replica left.
    expect(calls.failed).toEqual([]);
    expect(calls.count).toBeGreaterThan(10);
    expect(calls.servedBy).toEqual([survivor]);
  });

  it('restarts both replicas one after the other (SIGTERM, exit 0) during 20 requests, losing none and applying none twice', async () => {
    await bothRunning();
    setTerraformDelays({ planMs: ROLLING_PLAN_MS });
    const stamp = Date.now().toString(36);
    const ids: string[] = [];
    const retries: string[] = [];
    const startedAt = Date.now();
    // dev submits a request every SUBMIT_EVERY_MS through nginx; alan approves each as soon
    // as it awaits approval, through nginx too.
    const stopping = Object.keys(REPLICAS);
    const submitter = (async () => {
      for (let i = stopping.length; i < ROLLING_REQUESTS; i++) {
        ids.push(await submitThroughNginx(`e2e-roll-${stamp}-${i}`, retries));
        await sleep(SUBMIT_EVERY_MS);
      }
    })();
    const approved = new Set<string>();
    let approving = true;
    const approver = (async () => {
      while (approving) {
        const { items } = (
          await callWithRetry(
            'dev',
            '/api/infra/requests?status=awaiting_approval&limit=100',
            retries,
          )
        ).body as { items: { id: string; approvalId: string }[] };
        for (const request of items) {
          if (!ids.includes(request.id) || approved.has(request.id)) continue;
          const path = `/api/approvals/requests/${request.approvalId}/decision`;
          const retried = retries.length;
          try {
            await callWithRetry('alan', path, retries, {
              method: 'POST',
              body: { decision: 'approve', comment: 'Rolling restart' },
            });
          } catch (error) {
            // A retry of a decision that did land finds it decided (409). Only an answer the
            // replica never gave (no answer, 502) can hide a stored vote: a 503 comes before
            // the vote is stored, and once it is stored the answer is its outcome.
            const lostAnswer = retries
              .slice(retried)
              .some(
                retry =>
                  retry.startsWith(`POST ${path}: `) &&
                  retry !== `POST ${path}: 503`,
              );
            const { status } = (
              await callWithRetry(
                'alan',
                `/api/approvals/requests/${request.approvalId}`,
                retries,
              )
            ).body;
            if (!lostAnswer || status === 'pending') {
              throw error;
            }
            retries.push(`decision ${request.approvalId}: ${error}; ${status}`);
          }
          approved.add(request.id);
        }
        await sleep(300);
      }
    })();
    let approverError: unknown;
    approver.catch(error => {
      approverError = error;
    });

    const exits: Record<string, Exit> = {};
    /** Requests whose plan ran on a replica when it got SIGTERM. */
    const planRunningAtSigterm: string[] = [];
    const restartMs: Record<string, number> = {};
    try {
      await sleep(2 * SUBMIT_EVERY_MS);
      for (const [i, name] of stopping.entries()) {
        // SIGTERM comes while a plan runs on the replica that stops, one that started just
        // now and outlasts the grace: one of the requests is submitted to it, and its worker
        // plans that one at once, or the next one queued as soon as a worker is free.
        const mark = plansStartedOn(name).length;
        ids.push(
          await submitThroughNginx(`e2e-roll-${stamp}-${i}`, retries, name),
        );
        planRunningAtSigterm.push(
          await waitFor(
            `a plan to start on ${name}`,
            async () =>
              plansStartedOn(name)
                .slice(mark)
                .map(argv =>
                  ids.find(id =>
                    argv.some(arg => arg.includes(`${id}.tfplan`)),
                  ),
                )
                .find(Boolean),
            10_000,
            50,
          ),
        );
        exits[name] = await cluster
          .replica(name)
          .terminate(TERMINATION_BOUND_MS);
        const restartAt = Date.now();
        await restartReplica(name);
        restartMs[name] = Date.now() - restartAt;
      }
      await submitter;
      await waitFor(
        'every request to be applied or failed',
        async () => {
          const { items } = (
            await callWithRetry('dev', '/api/infra/requests?limit=100', retries)
          ).body as { items: { id: string; status: string }[] };
          if (approverError) throw approverError;
          const settled = items.filter(
            r => ids.includes(r.id) && ['applied', 'failed'].includes(r.status),
          );
          return settled.length === ROLLING_REQUESTS ? true : undefined;
        },
        90_000,
        500,
      );
    } finally {
      approving = false;
      await approver.catch(() => undefined);
      setTerraformDelays({});
    }
    const elapsedMs = Date.now() - startedAt;

    // Per request: its status, Terraform's runs, the audit trail's plan and apply jobs and
    // the plans a stopping replica handed back.
    const handedBack = (id: string) =>
      Object.keys(REPLICAS)
        .flatMap(name => cluster.logFilesOf(name))
        .filter(file => existsSync(file))
        .map(
          file =>
            readFileSync(file, 'utf8')
              .split('\n')
              .filter(line =>
                line.includes(`Handed the unfinished plan of ${id} back`),
              ).length,
        )
        .reduce((sum, n) => sum + n, 0);
    const outcomes: {
      id: string;
      status: string;
      planRuns: number;
      applyRuns: number;
      plansStarted: number;
      plansCounted: number;
      appliesStarted: number;
      handedBack: number;
    }[] = [];
    for (const id of ids) {
      const trail = await auditTrailOf(id);
      outcomes.push({
        id,
        status: (await requestOf(id)).status,
        planRuns: total(runsOf('plan', id)),
        applyRuns: total(runsOf('apply', id)),
        plansStarted: auditCount(trail, 'infra-request-plan', 'initiated'),
        plansCounted: auditCount(trail, 'infra-request-plan', 'succeeded'),
        appliesStarted: auditCount(trail, 'infra-request-apply', 'initiated'),
        handedBack: handedBack(id),
      });
    }
    const sum = (key: keyof (typeof outcomes)[number]) =>
      outcomes.reduce((n, o) => n + Number(o[key]), 0);
    // eslint-disable-next-line no-console
    console.log(
      `replicas: rolling restart of ${JSON.stringify(
        exits,
      )} (restarts took ${JSON.stringify(restartMs)} ms) during ${
        ids.length
      } requests, all settled ${elapsedMs} ms after the first; statuses ${JSON.stringify(
        outcomes.reduce<Record<string, number>>(
          (n, o) => ({ ...n, [o.status]: (n[o.status] ?? 0) + 1 }),
          {},
        ),
      )}; ${planRunningAtSigterm.length} plans running at a SIGTERM, ${sum(
        'handedBack',
      )} handed back, ${sum('planRuns')} terraform plans, ${sum(
        'applyRuns',
      )} applies; client retries: ${
        retries.length ? JSON.stringify(retries) : 'none'
      }`,
    );
    for (const name of Object.keys(REPLICAS)) {
      expect([name, exits[name].code, exits[name].signal]).toEqual([
        name,
        0,
        null,
      ]);
      expect(exits[name].ms).toBeLessThan(TERMINATION_BOUND_MS);
    }
    expect(ids).toHaveLength(ROLLING_REQUESTS);
    // The plan running at each SIGTERM outlasted the grace: handed back, planned again.
    expect(planRunningAtSigterm).toHaveLength(stopping.length);
    for (const id of planRunningAtSigterm) {
      expect([id, handedBack(id)]).toEqual([id, 1]);
    }
    for (const o of outcomes) {
      // None lost: each applied, exactly once, by one apply job, after exactly one plan
      // whose result counted; a plan ran again only after its replica handed it back.
      expect(o).toEqual({
        ...o,
        status: 'applied',
        applyRuns: 1,
        appliesStarted: 1,
        plansCounted: 1,
        plansStarted: 1 + o.handedBack,
      });
      expect(o.planRuns).toBeGreaterThanOrEqual(1);
      expect(o.planRuns).toBeLessThanOrEqual(o.plansStarted);
    }
  }, 240_000);

  it('runs each scheduled job once per period across both replicas', async () => {
    await bothRunning({ schedules: true });
    const tasks = [
      { pluginId: 'infra', id: 'infra-sweeper', seconds: SCHEDULE_SECONDS },
      {
        pluginId: 'approvals',
        id: 'approvals-expiry-sweep',
        seconds: SCHEDULE_SECONDS,
      },
      {
        pluginId: 'catalog',
        id: 'gantry-infra-entity-provider',
        seconds: SCHEDULE_SECONDS,
      },
      // Every 6 hours, five minutes after the first start: scheduled, and run at most once.
      { pluginId: 'audit', id: 'audit-retention', seconds: 6 * 3600 },
    ];
    type TaskInfo = {
      taskId: string;
      scope: string;
      taskState: {
        status: string;
        startsAt?: string;
        startedAt?: string;
        lastRunEndedAt?: string;
      } | null;
      workerState: { status: string } | null;
    };
    // The plugins' scheduler endpoint reads the scheduler's table (global tasks) and says how
    // this replica's worker for each task is doing.
    const taskOf = async (pluginId: string, id: string, replica?: string) => {
      const { body } = await callWithRetry(
        'dev',
        `/api/${pluginId}/.backstage/scheduler/v1/tasks`,
        [],
        { replica },
      );
      const found = (body.tasks as TaskInfo[]).find(t => t.taskId === id);
      if (!found) throw new Error(`no task ${id} in ${pluginId}`);
      return found;
    };
    // Each replica scheduled each job as a global task (one row and lock in the database),
    // and its worker for it waits to claim it.
    for (const replica of Object.keys(REPLICAS)) {
      for (const task of tasks) {
        const { scope, workerState } = await taskOf(
          task.pluginId,
          task.id,
          replica,
        );
        expect([replica, task.id, scope, workerState?.status]).toEqual([
          replica,
          task.id,
          'global',
          expect.stringMatching(/^(idle|running|initial-wait)$/),
        ]);
      }
    }
    // Then the table's state of each, over a few periods, read through nginx.
    const samples: NonNullable<TaskInfo['taskState']>[][] = tasks.map(() => []);
    const windowMs = 4 * SCHEDULE_SECONDS * 1000 + 500;
    const until = Date.now() + windowMs;
    while (Date.now() < until) {
      await Promise.all(
        tasks.map(async (task, i) => {
          const { taskState } = await taskOf(task.pluginId, task.id);
          if (taskState) samples[i].push(taskState);
        }),
      );
      await sleep(100);
    }
    const counted = tasks.map((task, i) => {
      // Between two idle samples a run ended (its end time changed) and moved the next
      // run's time on (release sets it a period later): one run, one period.
      const idle = samples[i].filter(state => state.status === 'idle');
      const changes = (key: 'lastRunEndedAt' | 'startsAt') =>
        idle.filter((state, k) => k > 0 && state[key] !== idle[k - 1][key])
          .length;
      return {
        id: task.id,
        samples: samples[i].length,
        runs: changes('lastRunEndedAt'),
        slots: changes('startsAt'),
        runsSeenRunning: new Set(
          samples[i].map(state => state.startedAt).filter(Boolean),
        ).size,
        periods: windowMs / (task.seconds * 1000),
      };
    });
    // eslint-disable-next-line no-console
    console.log(
      `replicas: scheduled jobs over ${windowMs} ms, both replicas up: ${JSON.stringify(
        counted,
      )}`,
    );
    for (const c of counted) {
      // Each run took one period's slot, and no more ran than periods passed.
      expect(c).toEqual({ ...c, runs: c.slots });
      expect(c.runs).toBeLessThanOrEqual(Math.floor(c.periods) + 1);
      expect(c.runsSeenRunning).toBeLessThanOrEqual(c.runs + 1);
      // And the frequent ones did run every period or so.
      expect(c.runs).toBeGreaterThanOrEqual(
        c.periods >= 2 ? Math.floor(c.periods) - 1 : 0,
      );
    }
  });

  it('fails, through the sweeper on the other replica, an apply whose replica was killed mid-apply, and never runs it again', async () => {
    await bothRunning({ schedules: true });
    setTerraformDelays({ applyMs: 120_000 });
    const name = `e2e-kill-apply-${Date.now().toString(36)}`;
    const retries: string[] = [];
    const id = await submitThroughNginx(name, retries);
    const planned = await settledIn(id, ['awaiting_approval']);
    await call(
      'alan',
      `/api/approvals/requests/${planned.approvalId}/decision`,
      {
        method: 'POST',
        body: { decision: 'approve', comment: 'Killed mid-apply' },
      },
    );
    const { killed, survivor, killedAt, exit, traffic } =
      await killReplicaRunning('apply', id);
    const settled = await settledIn(
      id,
      ['failed', 'applied'],
      STALE_AFTER_MS + 30_000,
    );
    const settledMs = Date.now() - killedAt;
    // Nothing may apply it later: a sweep or two more, then count.
    await sleep(2 * SCHEDULE_SECONDS * 1000);
    const calls = await traffic.stop();
    const trail = await auditTrailOf(id);
    // eslint-disable-next-line no-console
    console.log(
      `replicas: killed ${killed} mid-apply (${exit.signal}); ${
        settled.status
      } ${settledMs} ms later (staleAfterSeconds ${
        JOBS.staleAfterSeconds
      }, sweeper every ${SCHEDULE_SECONDS} s): "${
        settled.error
      }"; applies ${JSON.stringify(runsOf('apply', id))}; ${
        calls.count
      } calls through nginx meanwhile, served by ${JSON.stringify(
        calls.servedBy,
      )} (${
        calls.passedOn
      } tried the dead one first, fail_timeout ${FAIL_TIMEOUT_SECONDS} s), ${
        calls.failed.length
      } failed`,
    );
    expect(exit.signal).toBe('SIGKILL');
    expect(settled.status).toBe('failed');
    expect(settled.error).toMatch(
      /^Interrupted: the backend running the apply stopped/,
    );
    expect(settledMs).toBeGreaterThanOrEqual(
      STALE_AFTER_MS - JOBS.heartbeatSeconds * 1000 - 200,
    );
    expect(settledMs).toBeLessThan(
      STALE_AFTER_MS + 2 * SCHEDULE_SECONDS * 1000 + 5_000,
    );
    // The one apply that ran is the killed one; none ran again, on either replica.
    expect(runsOf('apply', id)).toEqual({ [killed]: 1, [survivor]: 0 });
    expect(auditCount(trail, 'infra-request-apply', 'initiated')).toBe(1);
    expect(calls.failed).toEqual([]);
    expect(calls.servedBy).toEqual([survivor]);
  });
});
