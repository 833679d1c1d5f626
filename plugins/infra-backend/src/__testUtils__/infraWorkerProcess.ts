/*
 * A backend replica in a process of its own, for tests that kill one (crashRecovery.test.ts).
 * It runs what a replica of the infra plugin runs besides HTTP: the job worker pool and, on a
 * timer the way the scheduler would, the sweeper, on the real DatabaseInfraStore and the
 * Terraform CLI double. Started as
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs infraWorkerProcess.ts
 *
 * with its options as JSON in INFRA_WORKER_PROCESS. It prints `ready <instanceId>` once its
 * worker runs; the test follows claims in the database. Only light dependencies on purpose
 * (no @backstage/backend-test-utils, which takes seconds to load), so a replacement replica
 * starts in a second or two.
 */
import {
  AuthService,
  BackstageCredentials,
  BackstageServicePrincipal,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApprovalRequest,
  ApprovalStatus,
  CreateApprovalRequest,
  createApprovalRequestForSchema,
} from '@internal/plugin-approvals-common';
import {
  ApprovalExecutionReport,
  ApprovalsService,
} from '@internal/plugin-approvals-node';
import { TerraformRunner } from '@internal/plugin-terraform-node';
import knexFactory, { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DatabaseInfraStore } from '../database/DatabaseInfraStore';
import { ApprovalPolicy } from '../service/approvalPayload';
import { systemClock } from '../service/clock';
import { createInfraServices } from '../service/infraServices';
import {
  DEFAULT_JOB_WORKER_SETTINGS,
  JobWorkerSettings,
} from '../service/JobWorker';
import { Workspaces } from '../service/Workspaces';

/** The requester of every request in the crash tests; the catalog has them in the owner group. */
export const REQUESTER_REF = 'user:default/dev';
/** The group owning the requested resources. */
export const OWNER_REF = 'group:default/team-payments';
/** The approval policy of every replica. */
export const REPLICA_POLICY: ApprovalPolicy = {
  approverGroups: ['group:default/approvers'],
  quorum: 1,
};
/** Short timings, so a dead replica is noticed within seconds. */
export const REPLICA_JOBS: JobWorkerSettings = {
  ...DEFAULT_JOB_WORKER_SETTINGS,
  pollIntervalMs: 100,
  heartbeatMs: 200,
  staleAfterMs: 1_500,
};
/** How often a replica sweeps, standing in for the scheduler's `infra-sweeper` task. */
export const REPLICA_SWEEP_MS = 200;

const replicaOptionsSchema = z.object({
  instanceId: z.string().min(1),
  /** This replica's Terraform workspaces; each replica has its own, as on its own machine. */
  workspacesDir: z.string().min(1),
  /** The folder {@link createFileApprovals} shares between the replicas. */
  approvalsDir: z.string().min(1),
  terraformBinary: z.string().min(1),
  modulesDir: z.string().min(1),
  /** Extra environment for the Terraform CLI, e.g. the double's FAKE_TERRAFORM_* knobs. */
  terraformEnv: z.record(z.string(), z.string()).default({}),
});

/** How a replica is built. */
export type ReplicaOptions = z.input<typeof replicaOptionsSchema>;

const processOptionsSchema = replicaOptionsSchema.extend({
  /** The PostgreSQL database every replica shares. */
  connection: z.object({
    host: z.string().optional(),
    port: z.coerce.number().optional(),
    user: z.string().optional(),
    password: z.string().optional(),
    database: z.string(),
  }),
});

/** What the test hands the process in INFRA_WORKER_PROCESS. */
export type ReplicaProcessOptions = z.input<typeof processOptionsSchema>;

type StoredApproval = {
  approval: ApprovalRequest;
  reports: ApprovalExecutionReport['status'][];
};

/**
 * An approvals service the replicas share through a folder, one JSON file per approval. The
 * in-memory approvals fake cannot cross processes, and answering every `getRequest` with
 * "approved" would let a replica apply the request it just planned; a file per approval keeps
 * real state (pending until the test decides, then the reported execution) with no server.
 * Files are replaced by rename, so a reader never sees half a file.
 */
export function createFileApprovals(dir: string) {
  const pathOf = (id: string) => {
    if (!/^[0-9a-f-]{36}$/.test(id))
      throw new NotFoundError(`No approval ${id}`);
    return join(dir, `${id}.json`);
  };
  const read = (id: string): StoredApproval => {
    try {
      return JSON.parse(readFileSync(pathOf(id), 'utf8'));
    } catch {
      throw new NotFoundError(`No approval request ${id}`);
    }
  };
  const write = (stored: StoredApproval) => {
    const path = pathOf(stored.approval.id);
    writeFileSync(`${path}.${process.pid}.tmp`, JSON.stringify(stored));
    renameSync(`${path}.${process.pid}.tmp`, path);
    return stored.approval;
  };
  const open = (input: CreateApprovalRequest, requesterRef: string) => {
    const parsed = createApprovalRequestForSchema.parse({
      ...input,
      requesterRef,
    });
    const now = new Date().toISOString();
    return write({
      approval: {
        id: randomUUID(),
        kind: parsed.kind,
        title: parsed.title,
        summary: parsed.summary,
        status: 'pending',
        requesterRef,
        onBehalfOfRef: parsed.onBehalfOfRef,
        createdBy: 'plugin:infra',
        approvers: parsed.approvers,
        quorum: parsed.quorum,
        expiresAt: new Date(
          Date.now() + parsed.expiresInSeconds * 1000,
        ).toISOString(),
        payload: parsed.payload,
        payloadHash: 'test',
        details: parsed.details,
        links: parsed.links,
        createdAt: now,
        updatedAt: now,
        approvals: 0,
        history: [],
      },
      reports: [],
    });
  };
  const service: ApprovalsService = {
    createRequest: async (input, { credentials }) =>
      open(input, credentials.principal.userEntityRef),
    createRequestFor: async input => open(input, input.requesterRef),
    getRequest: async id => read(id).approval,
    withdrawRequest: async () => {
      throw new Error('infra does not withdraw approvals');
    },
    reportExecution: async (id, report) => {
      const stored = read(id);
      stored.approval.status = report.status;
      stored.reports.push(report.status);
      return write(stored);
    },
  };
  return {
    service,
    /** Decides an approval, as the approvers would. */
    decide(id: string, status: ApprovalStatus) {
      const stored = read(id);
      stored.approval.status = status;
      write(stored);
    },
    get: (id: string) => read(id).approval,
    /** The execution statuses reported for an approval, in order, from every replica. */
    reportsOf: (id: string) => read(id).reports,
  };
}

/** Logs to stderr, one line per message, prefixed with the replica. */
function stderrLogger(prefix: string): LoggerService {
  const line = (level: string) => (message: string, meta?: Error | object) => {
    const detail =
      meta instanceof Error ? meta.message : meta && JSON.stringify(meta);
    process.stderr.write(
      `[${prefix}] ${level}: ${message}${detail ? ` ${detail}` : ''}\n`,
    );
  };
  const logger: LoggerService = {
    error: line('error'),
    warn: line('warn'),
    info: line('info'),
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

/**
 * One replica's infra services on a database, with stand-ins for the services it only talks
 * to: the catalog has the requester in the owner group, and signals, events, notifications
 * and audit events go nowhere.
 */
export async function createReplica(
  knex: Knex,
  input: ReplicaOptions,
  logger: LoggerService = stderrLogger(input.instanceId),
) {
  const options = replicaOptionsSchema.parse(input);
  const store = await DatabaseInfraStore.create({
    // The test runs the migrations once; replicas only connect.
    database: { getClient: async () => knex, migrations: { skip: true } },
  });
  const serviceCredentials: BackstageCredentials<BackstageServicePrincipal> = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'service', subject: 'plugin:infra' },
  };
  // The job workers only ever ask for their own credentials (to read the catalog).
  const auth = {
    getOwnServiceCredentials: async () => serviceCredentials,
  } as Partial<AuthService> as AuthService;
  // ... and read the requester; the catalog is not what these tests are about.
  const catalog = {
    getEntityByRef: async (ref: string) =>
      ref === REQUESTER_REF
        ? {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'dev', namespace: 'default' },
            spec: { memberOf: [OWNER_REF] },
            relations: [{ type: 'memberOf', targetRef: OWNER_REF }],
          }
        : undefined,
  } as Partial<CatalogService> as CatalogService;
  const approvals = createFileApprovals(options.approvalsDir);
  const services = createInfraServices({
    store,
    runner: new TerraformRunner({
      binary: options.terraformBinary,
      timeoutMs: 120_000,
      env: options.terraformEnv,
    }),
    workspaces: new Workspaces(options.workspacesDir),
    terraform: {
      modulesDir: options.modulesDir,
      regionOf: environment =>
        environment === 'prod' ? 'eu-central-1' : 'eu-west-1',
      stateBackend: 'local',
    },
    policy: REPLICA_POLICY,
    jobs: REPLICA_JOBS,
    approvals: approvals.service,
    catalog,
    auth,
    auditor: {
      createEvent: async () => ({
        success: async () => {},
        fail: async () => {},
      }),
    },
    signals: { publish: async () => {} },
    events: { publish: async () => {}, subscribe: async () => {} },
    notifications: { send: async () => {} },
    logger,
    clock: systemClock,
    instanceId: options.instanceId,
  });
  return { store, services, approvals };
}

async function main() {
  const options = processOptionsSchema.parse(
    JSON.parse(process.env.INFRA_WORKER_PROCESS ?? '{}'),
  );
  const knex = knexFactory({
    client: 'pg',
    connection: options.connection,
    pool: { min: 0, max: 5 },
  });
  const logger = stderrLogger(options.instanceId);
  const replica = await createReplica(knex, options, logger);
  replica.services.worker.start();
  let sweeping = false;
  setInterval(async () => {
    // Like the scheduler: one sweep at a time.
    if (sweeping) return;
    sweeping = true;
    try {
      await replica.services.sweep();
    } catch (error) {
      logger.warn(`Sweep failed: ${error}`);
    } finally {
      sweeping = false;
    }
  }, REPLICA_SWEEP_MS);
  process.once('SIGTERM', async () => {
    await replica.services.worker.stop();
    await knex.destroy();
    process.exit(0);
  });
  process.stdout.write(`ready ${options.instanceId}\n`);
}

if (require.main === module) {
  main().catch(error => {
    process.stderr.write(
      `infraWorkerProcess failed: ${error?.stack ?? error}\n`,
    );
    process.exit(1);
  });
}
