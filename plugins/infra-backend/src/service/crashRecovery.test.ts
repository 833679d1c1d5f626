import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@internal/plugin-api-node/testUtils';
import { InfraRequest } from '@internal/plugin-infra-common';
import { Knex } from 'knex';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FAKE_TERRAFORM, MODULES_DIR, cliRunsOf } from '../__testUtils__/fakes';
import {
  OWNER_REF,
  REPLICA_JOBS,
  REQUESTER_REF,
  ReplicaProcessOptions,
  createReplica,
} from '../__testUtils__/infraWorkerProcess';
import { DatabaseInfraStore } from '../database/DatabaseInfraStore';

jest.setTimeout(60_000);
chmodSync(FAKE_TERRAFORM, 0o755);

const WORKER_ENTRY = resolve(
  __dirname,
  '../__testUtils__/infraWorkerProcess.ts',
);
// What `backstage-cli package start` uses to run a backend's TypeScript in plain node.
const NODE_TRANSFORM = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
);
// From the kill to both requests settled. The old design waited for a scheduler lock
// (two hours); here a replica's death shows within staleAfterMs plus one sweep or poll.
const RECOVERY_BOUND_MS = 10_000;

const { databases, ids } = createTestDatabases();
const onPostgres = ids.includes('POSTGRES_15');
if (!onPostgres) {
  // eslint-disable-next-line no-console
  console.warn(
    'Crash recovery test skipped: it runs two backend processes on one PostgreSQL database; set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
  );
}

type Replica = { child: ChildProcess; output: string[]; exited: Promise<void> };

(onPostgres ? describe : describe.skip)(
  'Crash recovery: two backend processes on one PostgreSQL',
  () => {
    let knex: Knex;
    let store: DatabaseInfraStore;
    let workDir: string;
    let argvLog: string;
    const replicas: Replica[] = [];

    beforeAll(async () => {
      knex = await databases.init('POSTGRES_15');
      store = await DatabaseInfraStore.create({
        database: mockServices.database({ knex }),
      });
      workDir = mkdtempSync(join(tmpdir(), 'gantry-crash-'));
      mkdirSync(join(workDir, 'approvals'));
      argvLog = join(workDir, 'argv.jsonl');
    });

    afterAll(async () => {
      for (const { child, exited } of replicas) {
        if (child.exitCode === null && child.signalCode === null) {
          process.kill(-child.pid!, 'SIGKILL');
        }
        await exited;
      }
      rmSync(workDir, { recursive: true, force: true });
    });

    const replicaOptions = (
      instanceId: string,
      terraformEnv: Record<string, string> = {},
    ) => ({
      instanceId,
      workspacesDir: join(workDir, instanceId),
      approvalsDir: join(workDir, 'approvals'),
      terraformBinary: FAKE_TERRAFORM,
      modulesDir: MODULES_DIR,
      terraformEnv: { FAKE_TERRAFORM_ARGV_LOG: argvLog, ...terraformEnv },
    });

    /** Starts a backend replica in a process (and process group) of its own. */
    function startReplica(
      instanceId: string,
      terraformEnv: Record<string, string> = {},
    ) {
      const options: ReplicaProcessOptions = {
        ...replicaOptions(instanceId, terraformEnv),
        connection: knex.client.config.connection,
      };
      const child = spawn(
        process.execPath,
        ['--require', NODE_TRANSFORM, WORKER_ENTRY],
        {
          env: {
            ...process.env,
            INFRA_WORKER_PROCESS: JSON.stringify(options),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
          // Its own group, so a kill takes its Terraform runs too, as when a pod dies.
          detached: true,
        },
      );
      const output: string[] = [];
      const ready = new Promise<number>(resolveReady => {
        child.stdout!.on('data', chunk => {
          output.push(String(chunk));
          if (String(chunk).includes(`ready ${instanceId}`)) {
            resolveReady(Date.now());
          }
        });
      });
      child.stderr!.on('data', chunk => output.push(String(chunk)));
      const exited = new Promise<void>(done =>
        child.once('exit', () => done()),
      );
      replicas.push({ child, output, exited });
      return { child, ready, exited };
    }

    async function waitFor(
      what: string,
      condition: () => Promise<boolean>,
      timeoutMs: number,
    ) {
      const deadline = Date.now() + timeoutMs;
      while (!(await condition())) {
        if (Date.now() > deadline) {
          const logs = replicas.map(r => r.output.join('')).join('\n---\n');
          throw new Error(
            `Timed out waiting for ${what}; replicas said:\n${logs}`,
          );
        }
        await new Promise(r => setTimeout(r, 50));
      }
    }

    async function row(request: InfraRequest) {
      return knex('infra_requests')
        .select('status', 'claimed_by', 'attempts', 'error', 'approval_id')
        .where({ id: request.id })
        .first();
    }

    /** How often `command` ran on a request's plan file in a replica's workspaces. */
    const cliRuns = (
      command: string,
      request: InfraRequest,
      instanceId?: string,
    ) =>
      cliRunsOf(
        argvLog,
        command,
        request.id,
        instanceId ? `/${instanceId}/` : undefined,
      );

    it('fails the apply and finishes the plan of a killed replica on another one, applying nothing twice', async () => {
      // Seed in this process: one request planned and approved, one queued for planning.
      const seeder = await createReplica(
        knex,
        replicaOptions('seeder'),
        mockServices.logger.mock(),
      );
      const newRequest = (name: string) =>
        store.createRequest(
          {
            operation: 'create',
            kind: 's3-bucket',
            resourceName: name,
            environment: 'dev',
            requesterRef: REQUESTER_REF,
            ownerRef: OWNER_REF,
            justification: 'Crash recovery',
            parameters: { versioning: true },
          },
          new Date(),
        );
      const toApply = await newRequest('crash-apply');
      await store.claimPlan(toApply.id, 'seeder', new Date(), new Date(0));
      await seeder.services.planner.run(toApply.id, 'seeder');
      const { approvalId } = (await store.getRequest(toApply.id))!;
      seeder.approvals.decide(approvalId!, 'approved');
      await seeder.services.tracker.follow(approvalId!);
      expect((await row(toApply)).status).toBe('approved');
      const toPlan = await newRequest('crash-plan');

      // Replica A: every CLI command takes 3 s and the apply 20 s more, so A is applying
      // the first request and still planning the second when it dies.
      const a = startReplica('replica-a', {
        FAKE_TERRAFORM_SLEEP_MS: '3000',
        FAKE_TERRAFORM_APPLY_SLEEP_MS: '20000',
      });
      await waitFor(
        'replica A to run terraform apply and hold the plan',
        async () => {
          const [applying, planning] = [await row(toApply), await row(toPlan)];
          return (
            applying.status === 'applying' &&
            applying.claimed_by === 'replica-a' &&
            planning.status === 'planning' &&
            planning.claimed_by === 'replica-a' &&
            cliRuns('apply', toApply, 'replica-a') === 1
          );
        },
        15_000,
      );
      // Longer than staleAfterMs went by while A heartbeated: its own sweeper left it alone.
      process.kill(-a.child.pid!, 'SIGKILL');
      const killedAt = Date.now();
      await a.exited;
      expect(a.child.signalCode).toBe('SIGKILL');

      // Replica B starts after the crash, with a fast CLI.
      const b = startReplica('replica-b');
      let applyFailedAt: number | undefined;
      let planDoneAt: number | undefined;
      await waitFor(
        'replica B to fail the apply and finish the plan',
        async () => {
          const now = Date.now();
          if (!applyFailedAt && (await row(toApply)).status === 'failed') {
            applyFailedAt = now;
          }
          if (
            !planDoneAt &&
            (await row(toPlan)).status === 'awaiting_approval'
          ) {
            planDoneAt = now;
          }
          return Boolean(applyFailedAt && planDoneAt);
        },
        RECOVERY_BOUND_MS,
      );
      const bReadyAt = await b.ready;
      // eslint-disable-next-line no-console
      console.log(
        `Crash recovery after SIGKILL of replica A (staleAfter ${
          REPLICA_JOBS.staleAfterMs
        } ms, bound ${RECOVERY_BOUND_MS} ms): replica B ready after ${
          bReadyAt - killedAt
        } ms, apply failed after ${
          applyFailedAt! - killedAt
        } ms, plan finished after ${planDoneAt! - killedAt} ms`,
      );
      expect(applyFailedAt! - killedAt).toBeLessThan(RECOVERY_BOUND_MS);
      expect(planDoneAt! - killedAt).toBeLessThan(RECOVERY_BOUND_MS);

      // Give B a few more polls and sweeps: nothing may run again.
      await new Promise(r => setTimeout(r, 1_000));

      const interrupted = await row(toApply);
      expect(interrupted.status).toBe('failed');
      expect(interrupted.error).toMatch(/^Interrupted: .* It is not run again/);
      expect(seeder.approvals.reportsOf(approvalId!)).toEqual([
        'executing',
        'failed',
      ]);

      const replanned = await row(toPlan);
      expect(replanned).toMatchObject({
        status: 'awaiting_approval',
        claimed_by: 'replica-b',
      });
      expect(Number(replanned.attempts)).toBe(2);
      expect(seeder.approvals.get(replanned.approval_id).status).toBe(
        'pending',
      );
      expect(cliRuns('plan', toPlan, 'replica-b')).toBe(1);

      // Applied once in all, by A before it died; B applied nothing.
      expect(cliRuns('apply', toApply, 'replica-a')).toBe(1);
      expect(cliRuns('apply', toApply, 'replica-b')).toBe(0);
      expect(cliRuns('apply', toApply)).toBe(1);
      expect(cliRuns('apply', toPlan)).toBe(0);
    });
  },
);
