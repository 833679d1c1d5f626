import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../..');

/** The test identity provider (packages/dev-idp) running as its own process. */
export type Idp = { issuer: string; stop(): Promise<void> };

/**
 * Starts `packages/dev-idp` (oidc-provider is ESM-only, so it runs beside jest, not in it)
 * for one registered redirect URI, and waits until it serves its discovery document.
 */
export async function startIdp(options: {
  port: number;
  redirectUri: string;
  clientId: string;
  clientSecret: string;
}): Promise<Idp> {
  const child: ChildProcess = spawn(
    process.execPath,
    [resolve(repoRoot, 'packages/dev-idp/src/index.mjs')],
    {
      env: {
        ...process.env,
        GANTRY_IDP_PORT: String(options.port),
        GANTRY_IDP_CLIENT_ID: options.clientId,
        GANTRY_IDP_CLIENT_SECRET: options.clientSecret,
        GANTRY_IDP_REDIRECT_URIS: options.redirectUri,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', chunk => (output += chunk));
  child.stderr?.on('data', chunk => (output += chunk));

  const issuer = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise(r => child.once('exit', r));
    }
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`dev-idp exited with ${child.exitCode}: ${output}`);
    }
    try {
      const res = await fetch(`${issuer}/.well-known/openid-configuration`);
      if (res.ok) return { issuer, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`dev-idp did not start: ${output}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
}
