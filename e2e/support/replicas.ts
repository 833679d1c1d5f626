import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Portal } from './portal';
import { Nginx, startNginx } from './nginx';
import { dropDatabases, startProductionPortal } from './productionPortal';

/** One backend of several, by the name nginx pins it with. */
export type Replica = Portal & { name: string; port: number };

/** Several production backends on one PostgreSQL behind nginx. */
export type Replicas = {
  /** nginx's URL: the app's and the backends' `baseUrl`. */
  baseUrl: string;
  replicas: Replica[];
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
  let nginx: Nginx | undefined;
  const stop = async () => {
    await nginx?.stop();
    await Promise.all(replicas.map(replica => replica.stop()));
    await dropDatabases(replicaOf.databasePrefix);
  };
  try {
    for (const [name, port] of Object.entries(options.replicas)) {
      const portal = await startProductionPortal({
        oidc: options.oidc,
        extraConfig: options.extraConfig,
        port,
        replicaOf,
        env: options.envOf?.(name),
      });
      replicas.push({ ...portal, name, port });
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
    nginx,
    databasePrefix: replicaOf.databasePrefix,
    stop,
  };
}
