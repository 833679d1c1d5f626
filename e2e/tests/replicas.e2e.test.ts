import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  APPROVALS_SIGNAL_CHANNEL,
  ApprovalsSignal,
} from '@internal/plugin-approvals-common';
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
import { pinCookie, PIN, UPSTREAM_HEADER } from '../support/nginx';
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
      extraConfig: [sweeperConfig],
      envOf: name => ({
        GANTRY_TERRAFORM_BINARY: FAKE_TERRAFORM,
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
    const runs = (command: string) =>
      Object.fromEntries(
        Object.keys(REPLICAS).map(replica => [
          replica,
          cliRunsOf(argvLog(replica), command, id),
        ]),
      );
    const plans = runs('plan');
    const applies = runs('apply');
    const total = (counts: Record<string, number>) =>
      Object.values(counts).reduce((sum, n) => sum + n, 0);
    expect([total(plans), total(applies)]).toEqual([1, 1]);
    // And the audit trail has one plan and one apply job for it.
    type Entry = { eventId: string; outcome: string; timestamp: string };
    const trail = (
      await api<{ items: Entry[] }>(
        cluster.baseUrl,
        tokens.ada,
        `/api/audit/events?target=${id}&limit=200`,
      )
    ).body.items;
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
});
