import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FakeGitHub } from './fake-github.ts';
import { sign, SLUG, TEST_PRIVATE_KEY, WEBHOOK_SECRET } from './harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The App as `npm start` runs it: a child process running the package's `start` script, configured only
 * through its environment as the README says, with GHE_HOST pointing at the fake GitHub (a real HTTP
 * server). Any request to another host goes to a trap proxy (Node's NODE_USE_ENV_PROXY) and is recorded
 * in `strayRequests`, so a call to api.github.com fails the test instead of vanishing.
 */
export type AppProcess = {
  readonly webhookUrl: string;
  /** Requests the App tried to send to a host other than the fake GitHub (CONNECT host:port, or URL). */
  readonly strayRequests: string[];
  /** The App's log so far (pino JSON lines). */
  log(): string;
  deliver(event: string, payload: unknown, options?: { id?: string }): Promise<number>;
  /** Kills the process at once (SIGKILL), as a crash or an OOM kill would. */
  crash(): Promise<void>;
  /** SIGTERM: stop claiming, finish running jobs, exit. */
  stop(): Promise<void>;
};

export type AppProcessOptions = {
  readonly github: FakeGitHub;
  readonly dataDir: string;
  /** The server config (SLUICE_CONFIG), written as JSON (YAML reads it). */
  readonly serverConfig: Record<string, unknown>;
  readonly env?: Record<string, string>;
  readonly workerId?: string;
};

/** The `start` script of package.json, as the argument vector npm would run. */
function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [program, ...args] = pkg.scripts.start.split(/\s+/);
  if (program !== 'node') throw new Error(`the start script must run node, it runs: ${pkg.scripts.start}`);
  return args;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const strayRequests: string[] = [];
  const trap = createServer((req, res) => {
    strayRequests.push(`${req.method} ${req.url}`);
    res.writeHead(502).end('blocked by the e2e trap proxy');
  });
  trap.on('connect', (req, socket) => {
    strayRequests.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  const trapUrl = `http://127.0.0.1:${await listen(trap)}`;
  const configPath = join(options.dataDir, 'sluice-server.json');
  writeFileSync(configPath, JSON.stringify(options.serverConfig, null, 2));
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? options.dataDir,
    APP_ID: '1',
    PRIVATE_KEY: TEST_PRIVATE_KEY,
    WEBHOOK_SECRET,
    APP_SLUG: SLUG,
    GHE_HOST: options.github.host,
    GHE_PROTOCOL: 'http',
    PORT: String(port),
    HOST: '127.0.0.1',
    SLUICE_CONFIG: configPath,
    SLUICE_DATA_DIR: options.dataDir,
    SLUICE_WORKER_ID: options.workerId ?? 'e2e-process',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    NODE_USE_ENV_PROXY: '1',
    HTTP_PROXY: trapUrl,
    HTTPS_PROXY: trapUrl,
    NO_PROXY: '127.0.0.1,localhost',
    ...options.env,
  };
  // cwd is a fresh dir so that no `.env` of the developer's checkout is loaded.
  const child: ChildProcess = spawn(process.execPath, startCommand().map((a) => join(ROOT, a)), { cwd: options.dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, () => child.exitCode !== null, () => output);
  const webhookUrl = `${base}/api/github/webhooks`;
  const closeTrap = () => new Promise<void>((resolve) => trap.close(() => resolve()));

  return {
    webhookUrl,
    strayRequests,
    log: () => output,
    async deliver(event, payload, o = {}) {
      const body = JSON.stringify(payload);
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': o.id ?? randomUUID(), 'x-hub-signature-256': sign(body) },
        body,
      });
      await response.arrayBuffer();
      return response.status;
    },
    async crash() {
      child.kill('SIGKILL');
      await exited;
      await closeTrap();
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await closeTrap();
    },
  };
}

async function waitForHealth(base: string, died: () => boolean, output: () => string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (died()) throw new Error(`the App exited before answering /healthz:\n${output()}`);
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the App did not answer /healthz within a minute:\n${output()}`);
}

/** Polls until `check` holds (what a user would see on the PR), failing with `what` after a generous bound. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, options: { seconds?: number; log?: () => string } = {}): Promise<void> {
  const deadline = Date.now() + (options.seconds ?? 90) * 1000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting until ${what}${options.log ? `\n--- app log ---\n${options.log().slice(-8000)}` : ''}`);
}
