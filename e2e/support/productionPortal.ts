import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { Portal, waitForReady } from './portal';

const repoRoot = resolve(__dirname, '../..');

/** The PostgreSQL the production profile runs on in tests: the machine's, trust auth. */
export const postgres = { host: '127.0.0.1', port: 5432, user: 'postgres' };

/** How a backend process ended, and how long after the signal that ended it. */
export type Exit = {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
};

/** A production backend, with the signals a test sends a pod. */
export type ProductionPortal = Omit<Portal, 'stop'> & {
  databasePrefix: string;
  /** Stops it (SIGTERM, SIGKILL after 5 s) and removes its files, its log too unless kept. */
  stop(options?: { keepLogAs?: string }): Promise<void>;
  /**
   * SIGTERM to the backend process alone, as the kubelet sends it to a container's first
   * process; resolves when it exits, SIGKILLing it after `timeoutMs` (which shows in the
   * result). What it left running (a Terraform child) is killed then, as with the pod.
   */
  terminate(timeoutMs: number): Promise<Exit>;
  /** SIGKILL to the backend and every process it started: a pod or node that dies. */
  kill(): Promise<Exit>;
};

/** Drops every database whose name starts with the prefix, open connections or not. */
export async function dropDatabases(prefix: string) {
  const client = new Client({ ...postgres, database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database',
    );
    for (const { datname } of rows) {
      if (datname.startsWith(prefix)) {
        await client.query(
          `DROP DATABASE IF EXISTS "${datname.replace(
            /"/g,
            '""',
          )}" WITH (FORCE)`,
        );
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * Starts the production profile the way production runs it: `yarn start:production`
 * (scripts/production.sh start), the unpacked bundle in .data/production with
 * NODE_ENV=production, on PostgreSQL and OIDC sign-in through the given provider. The bundle
 * must already be built: scripts/test-all.sh runs `yarn build:production` first.
 *
 * Each start gets databases of its own (a fresh `backend.database.prefix`), dropped on stop.
 * A replica of several (e2e/support/replicas.ts) is given the shared prefix, base URL (the load
 * balancer's) and session secret instead; its databases are left to whoever owns the prefix.
 */
export async function startProductionPortal(options: {
  oidc: { issuer: string; clientId: string; clientSecret: string };
  extraConfig?: string[];
  port?: number;
  replicaOf?: {
    baseUrl: string;
    databasePrefix: string;
    sessionSecret: string;
  };
  env?: Record<string, string>;
}): Promise<ProductionPortal> {
  const port = options.port ?? 7107;
  const ownUrl = `http://localhost:${port}`;
  const baseUrl = options.replicaOf?.baseUrl ?? ownUrl;
  const dataDir = mkdtempSync(join(tmpdir(), 'gantry-e2e-production-'));
  const databasePrefix =
    options.replicaOf?.databasePrefix ??
    `gantry_e2e_${randomBytes(4).toString('hex')}_`;
  const overlay = join(dataDir, 'app-config.e2e-production.yaml');
  writeFileSync(
    overlay,
    JSON.stringify({
      backend: { listen: `:${port}`, database: { prefix: databasePrefix } },
      search: {
        collators: {
          catalog: { schedule: { initialDelay: { seconds: 1 } } },
        },
      },
    }),
  );

  const logFile = join(dataDir, 'backend.log');
  const log = createWriteStream(logFile);
  const child = spawn(
    'bash',
    [
      join(repoRoot, 'scripts/production.sh'),
      'start',
      ...[overlay, ...(options.extraConfig ?? [])].flatMap(file => [
        '--config',
        file,
      ]),
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        GANTRY_BASE_URL: baseUrl,
        POSTGRES_HOST: postgres.host,
        POSTGRES_PORT: String(postgres.port),
        POSTGRES_USER: postgres.user,
        POSTGRES_PASSWORD: '',
        GANTRY_OIDC_METADATA_URL: `${options.oidc.issuer}/.well-known/openid-configuration`,
        GANTRY_OIDC_CLIENT_ID: options.oidc.clientId,
        GANTRY_OIDC_CLIENT_SECRET: options.oidc.clientSecret,
        GANTRY_SESSION_SECRET:
          options.replicaOf?.sessionSecret ?? randomBytes(24).toString('hex'),
        GANTRY_SIGN_IN_ALLOWED_DOMAINS: 'gantry.example',
        GANTRY_TERRAFORM_WORKDIR: join(dataDir, 'terraform'),
        ...options.env,
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>(r => child.once('exit', (code, signal) => r({ code, signal })));
  const running = () =>
    child.exitCode === null && child.signalCode === null && child.pid;
  /** Signals the backend's process group; what has already exited is no error. */
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone
    }
  };
  const stop = async () => {
    if (running()) {
      signalGroup('SIGTERM');
      // The backend closes its HTTP server only when the events bus long-polls to itself end,
      // which takes up to a minute; the test does not wait for that.
      const timer = setTimeout(() => signalGroup('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await new Promise(r => log.end(r));
    if (!options.replicaOf) await dropDatabases(databasePrefix);
  };
  const endWith = async (
    send: () => void,
    timeoutMs: number,
  ): Promise<Exit> => {
    const sentAt = Date.now();
    if (running()) send();
    const timer = setTimeout(() => signalGroup('SIGKILL'), timeoutMs);
    const { code, signal } = await exited;
    clearTimeout(timer);
    signalGroup('SIGKILL');
    return { code, signal, ms: Date.now() - sentAt };
  };
  try {
    await waitForReady(ownUrl, child, 150_000);
  } catch (error) {
    await stop();
    const tail = readFileSync(logFile, 'utf8')
      .split('\n')
      .slice(-15)
      .join('\n');
    throw new Error(`${(error as Error).message}; see ${logFile}:\n${tail}`);
  }
  return {
    baseUrl,
    logFile,
    databasePrefix,
    async stop(stopOptions = {}) {
      await stop();
      if (stopOptions.keepLogAs && existsSync(logFile)) {
        copyFileSync(logFile, stopOptions.keepLogAs);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
    terminate: timeoutMs =>
      endWith(() => process.kill(child.pid!, 'SIGTERM'), timeoutMs),
    kill: () => endWith(() => signalGroup('SIGKILL'), 0),
  };
}
