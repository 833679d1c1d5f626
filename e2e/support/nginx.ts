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

/** The configuration: everything under `dir`, no daemon, round-robin without stickiness. */
function configOf(
  dir: string,
  port: number,
  upstreams: Record<string, number>,
) {
  const block = (name: string, ports: number[]) =>
    `  upstream ${name} {\n${ports
      .map(p => `    server 127.0.0.1:${p} max_fails=0;\n`)
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
${block('gantry', Object.values(upstreams))}${Object.entries(upstreams)
    .map(([name, p]) => block(`gantry_${name}`, [p]))
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
    location = /nginx-ready { return 204; }
    location / {
      proxy_pass http://$gantry_upstream;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
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
  return {
    baseUrl,
    accessLog,
    stop,
  };
}
