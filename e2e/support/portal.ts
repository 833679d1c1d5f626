import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Browser } from 'playwright-core';
import { tokenFor } from './api';
import { launchBrowser } from './browser';

const repoRoot = resolve(__dirname, '../..');

/** A Gantry backend started for a browser test, serving the built app. */
export type Portal = {
  baseUrl: string;
  logFile: string;
  stop(): Promise<void>;
};

/** Waits until the backend answers its readiness check, or fails when it exits first. */
export async function waitForReady(
  baseUrl: string,
  child: ChildProcess,
  ms: number,
) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`backend exited early with code ${child.exitCode}`);
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`backend not ready after ${ms} ms`);
}

/**
 * Starts the real backend (app-config.yaml plus the e2e overrides) on a fresh SQLite folder.
 * The app must already be built (`yarn workspace app build`; scripts/test-all.sh builds it
 * through `yarn build:production`).
 */
export async function startPortal(
  options: {
    extraConfig?: string | string[];
    port?: number;
    env?: Record<string, string>;
  } = {},
): Promise<Portal> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gantry-e2e-'));
  const logFile = join(dataDir, 'backend.log');
  const log = createWriteStream(logFile);
  const child = spawn(
    'yarn',
    [
      'workspace',
      'backend',
      'start',
      '--config',
      join(repoRoot, 'app-config.yaml'),
      '--config',
      join(repoRoot, 'e2e/app-config.e2e.yaml'),
      ...[options.extraConfig ?? []].flat().flatMap(file => ['--config', file]),
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        ...options.env,
        GANTRY_SQLITE_DIR: join(dataDir, 'sqlite'),
        GANTRY_TERRAFORM_WORKDIR: join(dataDir, 'terraform'),
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const baseUrl = `http://localhost:${options.port ?? 7107}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise(r => child.once('exit', r));
    }
    log.end();
  };
  try {
    await waitForReady(baseUrl, child, 150_000);
    // Ready is not signed-in-able: the dev sign-in answers 404 until the catalog has ingested
    // the sample org, and a test that signs in at once would wait on an error page.
    await tokenFor(baseUrl, 'dev');
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; see ${logFile}`);
  }
  return {
    baseUrl,
    logFile,
    async stop() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A started portal and a launched Chromium, shared by every case of a test file. */
export type PortalAndBrowser = { portal: Portal; browser: Browser };

/**
 * Starts the portal (`startPortal`) and Chromium before the file's cases and stops both after
 * them; the fields are set once `beforeAll` has run.
 */
export function usePortalAndBrowser(): PortalAndBrowser {
  const env = {} as PortalAndBrowser;
  beforeAll(async () => {
    env.portal = await startPortal();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.portal?.stop();
  });
  return env;
}
