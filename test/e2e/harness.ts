import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { createGitWorkspace } from '../../src/adapters/git/git-workspace.ts';
import { createInstallationTokens } from '../../src/adapters/github/installation-tokens.ts';
import { createSecretRedactor } from '../../src/render/create-secret-redactor.ts';
import { openSqliteStateStore } from '../../src/adapters/store/sqlite-state-store.ts';
import { ServerConfig } from '../../src/config/schema.ts';
import { createSluice, type Sluice } from '../../src/main/create-sluice.ts';
import type { EngineRegistry } from '../../src/ports/engine-registry.ts';
import type { StateStore } from '../../src/ports/state-store.ts';
import { createInMemoryEngine, type InMemoryEngine } from '../fakes/in-memory-engine.ts';
import { createFakeGitHub, type FakeGitHub, type FakeState } from './fake-github.ts';
import { createGitOrigin, type GitOrigin } from './git-origin.ts';
import { checkRunActionPayload, issueCommentPayload, pullRequestPayload, type PullSpec, type RepoSpec } from './webhook-payloads.ts';

export const WEBHOOK_SECRET = 'e2e-webhook-secret';
export const SLUG = 'sluice-test';

export const TEST_PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

/** Sign a body the way GitHub does (X-Hub-Signature-256). */
export function sign(body: string, secret = WEBHOOK_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export type Harness = {
  readonly github: FakeGitHub;
  readonly origin: GitOrigin;
  readonly store: StateStore;
  readonly engines: { sql: InMemoryEngine; cdktf: InMemoryEngine; pipeline: InMemoryEngine };
  readonly repo: RepoSpec;
  readonly sluice: Sluice;
  /** The app's webhook URL on loopback. */
  readonly webhookUrl: string;
  /** Posts a signed delivery to the running app; returns the HTTP status. */
  deliver(event: string, payload: unknown, options?: { id?: string; signature?: string }): Promise<number>;
  /** Waits until the worker has run everything queued. */
  settle(): Promise<void>;
  openPull(pull: Omit<PullSpec, 'baseSha'> & { baseSha?: string }): Promise<PullSpec>;
  push(pull: PullSpec, files: Record<string, string | null>): Promise<PullSpec>;
  comment(number: number, body: string, user: string, options?: { association?: string }): Promise<number>;
  clickCheckRunAction(number: number, checkRunName: string, identifier: string, user: string): Promise<number>;
  close(pull: PullSpec, options?: { merged?: boolean }): Promise<number>;
  /** Stops the app (as a restart would) and starts a fresh one on the same store and data dir. */
  restart(options?: { beforeStart?: () => Promise<void> }): Promise<Harness>;
  /** Stops the app and its worker, keeping the store, origin and data dir. */
  stopApp(): Promise<void>;
  stop(): Promise<void>;
};

export type HarnessOptions = {
  files: Record<string, string>;
  server?: Partial<ServerConfig>;
  origin?: GitOrigin;
  dataDir?: string;
  store?: StateStore;
  githubState?: FakeState;
  /** Real engines by kind, run instead of the in-memory fakes of those kinds (the fakes stay in `engines`, unused). */
  realEngines?: EngineRegistry;
};

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
  const origin = options.origin ?? (await createGitOrigin(options.files));
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sluice-data-'));
  const repo: RepoSpec = { fullName: 'acme/analytics', cloneUrl: origin.bareDir, defaultBranch: 'main', installationId: 42 };
  const github = await createFakeGitHub({ repo: repo.fullName, cloneUrl: repo.cloneUrl, defaultBranch: 'main', botLogin: `${SLUG}[bot]`, state: options.githubState });
  const store = options.store ?? (await openSqliteStateStore({ path: join(dataDir, 'state.sqlite') }));
  const engines = { sql: createInMemoryEngine('sql'), cdktf: createInMemoryEngine('cdktf'), pipeline: createInMemoryEngine('pipeline') };
  const log = pino({ level: process.env['E2E_LOG'] ?? 'silent' });
  const probot = new Probot({
    appId: 1,
    privateKey: TEST_PRIVATE_KEY,
    secret: WEBHOOK_SECRET,
    baseUrl: github.baseUrl,
    log,
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
  const server = ServerConfig.parse({ targets: { default: { type: 'duckdb' }, lake: { type: 'terraform' } }, automerge: false, ...options.server });
  const installationTokens = createInstallationTokens({ appId: 1, privateKey: TEST_PRIVATE_KEY, baseUrl: github.baseUrl });
  const redactor = createSecretRedactor([WEBHOOK_SECRET, TEST_PRIVATE_KEY]);
  const sluice = createSluice({ probot, installationTokens, redactor, server, store, workspace: createGitWorkspace({ rootDir: join(dataDir, 'repos') }), engines: { ...engines, ...options.realEngines }, clock: { now: () => new Date() }, log, dataDir, appSlug: SLUG, workerId: 'e2e-worker', pollMs: 50 });
  await sluice.start();
  const middleware = await probot.getNodeMiddleware({ path: '/api/github/webhooks' });
  const http: Server = createServer((req, res) => void middleware(req, res).then((handled) => handled || res.writeHead(404).end()));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/github/webhooks`;
  let commentIds = 5000;

  const harness: Harness = {
    github, origin, store, engines, repo, sluice, webhookUrl: url,
    async deliver(event, payload, o = {}) {
      const body = JSON.stringify(payload);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': o.id ?? randomUUID(), 'x-hub-signature-256': o.signature ?? sign(body) },
        body,
      });
      await response.arrayBuffer();
      return response.status;
    },
    async settle() {
      // The worker may be woken more than once (each job's end wakes it); wait until nothing is left.
      for (let i = 0; i < 200; i++) {
        await sluice.worker.idle();
        if (!(await hasPendingJobs(store, repo.fullName, github))) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('the worker did not settle');
    },
    async openPull(pull) {
      const baseSha = pull.baseSha ?? (await origin.sha('main'));
      const spec: PullSpec = { ...pull, baseSha };
      github.openPull({ number: spec.number, user: spec.author, head: { sha: spec.headSha, ref: spec.headRef }, base: { sha: baseSha, ref: 'main' }, draft: spec.draft ?? false });
      await harness.deliver('pull_request', pullRequestPayload('opened', repo, spec));
      return spec;
    },
    async push(pull, files) {
      const headSha = await origin.commit(pull.headRef, files);
      const spec = { ...pull, headSha };
      const stored = github.state.pulls.get(pull.number);
      if (stored) stored.head.sha = headSha;
      await harness.deliver('pull_request', pullRequestPayload('synchronize', repo, spec));
      return spec;
    },
    async comment(number, body, user, o = {}) {
      const id = commentIds++;
      return harness.deliver('issue_comment', issueCommentPayload(repo, { number, body, user, commentId: id, association: o.association }));
    },
    async clickCheckRunAction(number, name, identifier, user) {
      const run = github.checkRun(name);
      if (!run) throw new Error(`no check run named ${name}`);
      return harness.deliver('check_run', checkRunActionPayload(repo, { number, checkRunId: run.id, name, headSha: run.head_sha, identifier, user }));
    },
    async close(pull, o = {}) {
      const stored = github.state.pulls.get(pull.number);
      if (stored) Object.assign(stored, { state: 'closed', merged: o.merged ?? false });
      return harness.deliver('pull_request', pullRequestPayload('closed', repo, { ...pull, merged: o.merged ?? false }));
    },
    async restart(o = {}) {
      await harness.stopApp();
      await o.beforeStart?.();
      return startHarness({ ...options, origin, dataDir, store, githubState: github.state });
    },
    async stop() {
      await harness.stopApp();
      await store.close();
      origin.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async stopApp() {
      await sluice.stop();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await github.close();
    },
  };
  return harness;
}

async function hasPendingJobs(store: StateStore, repo: string, github: FakeGitHub): Promise<boolean> {
  for (const number of github.state.pulls.keys()) {
    const jobs = await store.listJobs({ repo, number });
    if (jobs.some((j) => j.status === 'queued' || j.status === 'running')) return true;
  }
  return false;
}
