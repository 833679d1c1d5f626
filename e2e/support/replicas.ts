import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Nginx, startNginx } from './nginx';
import {
  dropDatabases,
  ProductionPortal,
  startProductionPortal,
} from './productionPortal';

/** One backend of several, by the name nginx pins it with. */
export type Replica = ProductionPortal & { name: string; port: number };

/** Several production backends on one PostgreSQL behind nginx. */
export type Replicas = {
  /** nginx's URL: the app's and the backends' `baseUrl`. */
  baseUrl: string;
  /** The running replicas; {@link Replicas.restart} replaces one in place. */
  replicas: Replica[];
  /** The replica of that name, as it runs now. */
  replica(name: string): Replica;
  /**
   * Starts the named replica again on its port, as a new pod of the deployment would: after
   * it ended (`terminate`, `kill`), with the cluster's settings, a fresh Terraform workdir and
   * `extraConfig` in place of the one it started with, if given. nginx's round-robin leaves
   * it out until it is ready (readiness), then takes it in again. Resolves then.
   */
  restart(name: string, options?: { extraConfig?: string[] }): Promise<Replica>;
  /** The log files of every process that ran as the named replica, the running one last. */
  logFilesOf(name: string): string[];
  nginx: Nginx;
  databasePrefix: string;
  stop(): Promise<void>;
};

/**
 * Starts the production profile once per replica (name → port), the way several pods of one
 * deployment run: one database prefix, one base URL (nginx's), one session secret, and auth's
 * signing keys from the shared database (the production default). Then nginx in front,
 * round-robin. The replicas start one after the other, as a rolling deployment would: the
 * first one creates the databases and runs the migrations.
 */
export async function startReplicas(options: {
  dir: string;
  nginxPort: number;
  replicas: Record<string, number>;
  oidc: { issuer: string; clientId: string; clientSecret: string };
  extraConfig?: string[];
  envOf?: (name: string) => Record<string, string>;
}): Promise<Replicas> {
  const baseUrl = `http://localhost:${options.nginxPort}`;
  const replicaOf = {
    baseUrl,
    databasePrefix: `gantry_e2e_${randomBytes(4).toString('hex')}_`,
    sessionSecret: randomBytes(24).toString('hex'),
  };
  const replicas: Replica[] = [];
  const endedLogs: { name: string; file: string }[] = [];
  let nginx: Nginx | undefined;
  const stop = async () => {
    await nginx?.stop();
    await Promise.all(replicas.map(replica => replica.stop()));
    await dropDatabases(replicaOf.databasePrefix);
  };
  const start = async (
    name: string,
    extraConfig = options.extraConfig,
  ): Promise<Replica> => {
    const port = options.replicas[name];
    const portal = await startProductionPortal({
      oidc: options.oidc,
      extraConfig,
      port,
      replicaOf,
      env: options.envOf?.(name),
    });
    return { ...portal, name, port };
  };
  const replica = (name: string) => {
    const found = replicas.find(r => r.name === name);
    if (!found) throw new Error(`no replica ${name}`);
    return found;
  };
  const restart = async (
    name: string,
    restartOptions: { extraConfig?: string[] } = {},
  ) => {
    const index = replicas.indexOf(replica(name));
    // Ended already, or ended now as `stop` ends it; its workdir goes with it, its log is kept.
    const ended = join(options.dir, `${name}-${endedLogs.length}.log`);
    await replicas[index].stop({ keepLogAs: ended });
    endedLogs.push({ name, file: ended });
    // Out of the round-robin until ready, as behind a load balancer that follows readiness.
    await nginx?.setInRotation(name, false);
    replicas[index] = await start(
      name,
      restartOptions.extraConfig ?? options.extraConfig,
    );
    await nginx?.setInRotation(name, true);
    return replicas[index];
  };
  try {
    for (const name of Object.keys(options.replicas)) {
      replicas.push(await start(name));
    }
    nginx = await startNginx({
      dir: join(options.dir, 'nginx'),
      port: options.nginxPort,
      upstreams: options.replicas,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl,
    replicas,
    replica,
    restart,
    logFilesOf: name => [
      ...endedLogs.filter(l => l.name === name).map(l => l.file),
      replica(name).logFile,
    ],
    nginx,
    databasePrefix: replicaOf.databasePrefix,
    stop,
  };
}
