import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Debian's nginx; tests run it as a plain child process, never as the system's daemon. */
const NGINX = process.env.GANTRY_NGINX ?? '/usr/sbin/nginx';

/** The response header that names the upstream that answered (`127.0.0.1:7301`). */
export const UPSTREAM_HEADER = 'x-gantry-upstream';

/**
 * Sends a request through the load balancer to one named upstream rather than the next in
 * turn: as this request header, or as a cookie of the same name (which the browser also sends
 * on the signals WebSocket's handshake). Only tests use it; everything else is round-robin.
 */
export const PIN = 'x-gantry-replica';
const PIN_COOKIE = PIN.replace(/-/g, '_');

/** A cookie for Playwright's `context.addCookies` that pins a browser to one upstream. */
export function pinCookie(baseUrl: string, upstream: string) {
  return { name: PIN_COOKIE, value: upstream, url: baseUrl };
}

/** nginx in front of the upstreams, and how to stop it. */
export type Nginx = {
  baseUrl: string;
  /** One line a request: `METHOD URI STATUS UPSTREAM`. */
  accessLog: string;
  /**
   * Takes an upstream out of the round-robin (`down`) or puts it back, and resolves once
   * nginx runs the new configuration (a reload). Open-source nginx has no active health
   * checks: this is what a load balancer that follows readiness does for a starting replica,
   * which listens (and answers 404 for the plugins not started yet) before it is ready.
   */
  setInRotation(upstream: string, inRotation: boolean): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Installs Debian's nginx when it is missing and this process may (root, apt-get), the way
 * scripts/test-all.sh installs Chromium for the browser tests.
 */
export function ensureNginx() {
  if (existsSync(NGINX)) return;
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    throw new Error(
      `${NGINX} is missing; install Debian's nginx package (or set GANTRY_NGINX)`,
    );
  }
  const apt = (...args: string[]) =>
    execFileSync('apt-get', args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: 'ignore',
    });
  apt('update', '-qq');
  apt('install', '-y', '-qq', 'nginx');
}

/**
 * How nginx routes around a replica that is gone (killed, or restarting): one failed
 * connection or response takes it out of the round-robin for this long, then it is tried
 * again. Open-source nginx has no active health checks; this passive check is what it has.
 */
export const FAIL_TIMEOUT_SECONDS = 5;

/** The response header of `/nginx-ready` that says which configuration nginx runs. */
const GENERATION_HEADER = 'x-gantry-nginx-generation';

/**
 * The configuration: everything under `dir`, no daemon, round-robin without stickiness. The
 * upstreams named in `out` are marked `down` in the round-robin (pinned calls still reach
 * them). `generation` counts the configurations written.
 */
function configOf(
  dir: string,
  port: number,
  upstreams: Record<string, number>,
  out: Set<string> = new Set(),
  generation = 0,
) {
  const block = (name: string, servers: [string, number][], down = out) =>
    `  upstream ${name} {\n${servers
      .map(
        ([upstream, p]) =>
          `    server 127.0.0.1:${p} max_fails=1 fail_timeout=${FAIL_TIMEOUT_SECONDS}s${
            down.has(upstream) ? ' down' : ''
          };\n`,
      )
      .join('')}    keepalive 16;\n  }\n`;
  return `daemon off;
master_process on;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  log_format gantry '$request_method $request_uri $status $upstream_addr';
  access_log ${dir}/access.log gantry;
  client_max_body_size 10m;
${block('gantry', Object.entries(upstreams))}${Object.entries(upstreams)
    .map(([name, p]) => block(`gantry_${name}`, [[name, p]], new Set()))
    .join('')}
  map "$http_${PIN.replace(/-/g, '_')}$cookie_${PIN_COOKIE}" $gantry_upstream {
    default gantry;
${Object.keys(upstreams)
  .map(name => `    ${name} gantry_${name};\n`)
  .join('')}  }
  # A WebSocket handshake (signals) is passed on as one; any other request keeps the
  # upstream connection alive.
  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' '';
  }
  server {
    listen 127.0.0.1:${port};
    location = /nginx-ready {
      add_header ${GENERATION_HEADER} ${generation} always;
      return 204;
    }
    location / {
      proxy_pass http://$gantry_upstream;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A request an upstream refused, dropped, did not answer or answered 503 (a replica
      # shutting down: "Service is shutting down") goes to the next one, and the upstream
      # is out for fail_timeout. nginx passes a request on only while nothing was sent, or
      # for an idempotent method (not POST, PATCH or LOCK), so a submission is never made
      # twice: a POST that a stopping replica answered 503 is the client's to retry.
      proxy_next_upstream error timeout http_503;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      # Event streams and long polls pass through as they are written.
      proxy_buffering off;
      proxy_read_timeout 300s;
      proxy_send_timeout 300s;
      add_header ${UPSTREAM_HEADER} $upstream_addr always;
    }
  }
}
`;
}

/**
 * Starts nginx on `port` in front of the named upstreams (name → local port), with its
 * configuration, pid, logs and temp files in `dir`, and waits until it answers.
 */
export async function startNginx(options: {
  dir: string;
  port: number;
  upstreams: Record<string, number>;
}): Promise<Nginx> {
  ensureNginx();
  const { dir, port } = options;
  mkdirSync(dir, { recursive: true });
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, configOf(dir, port, options.upstreams));
  const child: ChildProcess = spawn(
    NGINX,
    ['-p', dir, '-e', join(dir, 'error.log'), '-c', conf],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let output = '';
  child.stderr?.on('data', chunk => (output += chunk));
  const baseUrl = `http://localhost:${port}`;
  const accessLog = join(dir, 'access.log');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise(r => child.once('exit', r));
      // TERM: the master stops its workers at once and exits.
      child.kill('SIGTERM');
      await exited;
    }
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`nginx exited with ${child.exitCode}: ${output}`);
    }
    try {
      if ((await fetch(`${baseUrl}/nginx-ready`)).status === 204) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not start: ${output}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  const out = new Set<string>();
  let generation = 0;
  const setInRotation = async (upstream: string, inRotation: boolean) => {
    if (inRotation) out.delete(upstream);
    else out.add(upstream);
    generation++;
    writeFileSync(
      conf,
      configOf(dir, port, options.upstreams, out, generation),
    );
    child.kill('SIGHUP');
    const reloadDeadline = Date.now() + 10_000;
    for (;;) {
      const res = await fetch(`${baseUrl}/nginx-ready`).catch(() => undefined);
      if (res?.headers.get(GENERATION_HEADER) === String(generation)) return;
      if (Date.now() > reloadDeadline) {
        throw new Error(`nginx did not reload: ${output}`);
      }
      await new Promise(r => setTimeout(r, 50));
    }
  };
  return {
    baseUrl,
    accessLog,
    setInRotation,
    stop,
  };
}
