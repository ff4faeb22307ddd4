/**
 * Everything a service use case needs, built from in-memory fakes: a `ServiceDeps` and a `HostSession` over
 * a recording code host, an in-memory store and workspace, and a scripted engine. Nothing touches disk, git,
 * a warehouse or the network. Service unit tests (`test/unit/services/`) start here:
 *
 *   const kit = await serviceKit({ files: shopFiles(), script: { marts: { apply: failure(…) } } });
 *   await planPullRequest(kit.deps, kit.session, { pr: kit.pr, actor: 'dana', signal: kit.signal });
 *   expect(kit.comments()).toEqual([…]);
 */
import { join } from 'node:path';
import { hashConfig } from '../../src/config/config-hash.ts';
import { ServerConfig } from '../../src/config/schema.ts';
import type { Job, JobRequest } from '../../src/core/job.ts';
import type { ProjectKind } from '../../src/core/project.ts';
import type { PullRequest } from '../../src/core/pull-request.ts';
import { createPolicyBook } from '../../src/policy/policy-book.ts';
import type { PolicyText } from '../../src/policy/policy-types.ts';
import type { CheckRunUpdate } from '../../src/ports/code-host.ts';
import type { Logger } from '../../src/ports/logger.ts';
import type { ProjectEngine } from '../../src/ports/project-engine.ts';
import type { StateStore } from '../../src/ports/state-store.ts';
import type { VersionProbe } from '../../src/ports/version-probe.ts';
import type { HostSession, ServiceDeps } from '../../src/services/service-deps.ts';
import { createStickyComments } from '../../src/services/sticky-comments.ts';
import { openInMemoryStateStore } from './in-memory-state-store.ts';
import { createInMemoryWorkspace, type InMemoryPullRequestFiles, type InMemoryWorkspace } from './in-memory-workspace.ts';
import { createRecordingCodeHost, type RecordingCodeHost } from './recording-code-host.ts';
import { createScriptedEngine, type EngineScript, type ScriptedEngine } from './scripted-engine.ts';

export const NOW = new Date('2025-03-14T10:00:00.000Z');
export const HEAD_SHA = 'a'.repeat(40);
export const BASE_SHA = 'b'.repeat(40);
export const BOT_LOGIN = 'sluice[bot]';

/** Dana's PR #7 on acme/data, open, from a branch of the repository itself. */
export const PR: PullRequest = {
  repo: 'acme/data', number: 7, author: 'dana', headSha: HEAD_SHA, baseSha: BASE_SHA, baseRef: 'main', defaultBranch: 'main',
  headRef: 'feature', cloneUrl: 'https://example.invalid/acme/data.git', draft: false, fromFork: false, state: 'open', merged: false,
};

/** One project of `sluice.yaml`, as written there (kind `sql` unless given). */
export type YamlProject = { name: string; kind?: ProjectKind; dir?: string; target?: string; depends_on?: string[]; autoplan?: { enabled: boolean } };

/** A `sluice.yaml` text declaring `projects` (JSON is YAML). */
export function sluiceYaml(projects: readonly YamlProject[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ version: 1, projects: projects.map((p) => ({ kind: 'sql', dir: p.name, ...p })), ...extra }, null, 2);
}

/**
 * The shop repository: `staging` and `marts` (marts depends on staging), declared in the same order on the
 * head and the default branch. The PR edits `changed` (default both); the other projects are untouched.
 */
export function shopFiles(options: { changed?: readonly string[]; projects?: readonly YamlProject[]; head?: Record<string, string>; defaultBranch?: Record<string, string> } = {}): InMemoryPullRequestFiles {
  const projects = options.projects ?? [{ name: 'marts', depends_on: ['staging'] }, { name: 'staging' }];
  const changed = new Set(options.changed ?? projects.map((p) => p.name));
  const config = sluiceYaml(projects);
  const base: Record<string, string> = { 'sluice.yaml': config };
  const head: Record<string, string> = { 'sluice.yaml': config };
  for (const p of projects) {
    const file = `${p.dir ?? p.name}/model.sql`;
    base[file] = 'select 1 as id';
    head[file] = changed.has(p.name) ? 'select 1 as id, 2 as amount' : 'select 1 as id';
  }
  return { base, head: { ...head, ...options.head }, defaultBranch: { ...base, ...options.defaultBranch } };
}

export type ServiceKitOptions = {
  /** The PR's files (head, merge base, default branch); default `shopFiles()`. */
  readonly files?: InMemoryPullRequestFiles;
  /** What the (sql) engine answers per project. */
  readonly script?: EngineScript;
  /** The server config as written (parsed with its schema); default one duckdb target `default`, no requirements. */
  readonly server?: Record<string, unknown>;
  /** Trusted server policy texts (the default pack is not read unless given). */
  readonly policies?: readonly PolicyText[];
  /** Projects whose engine cleanup throws (a warehouse gone away). */
  readonly cleanupThrows?: readonly string[];
  /** Changes to the PR (`PR` by default). */
  readonly pr?: Partial<PullRequest>;
};

export type ServiceKit = {
  readonly deps: ServiceDeps;
  readonly session: HostSession;
  readonly host: RecordingCodeHost;
  readonly store: StateStore;
  readonly workspace: InMemoryWorkspace;
  readonly engine: ScriptedEngine;
  /** `cleanup <project> pr-<n> at <artifact dir>` per cleanup the engine was asked for. */
  readonly cleanups: string[];
  /** What the services logged, as `level: message` (debug left out). */
  readonly logged: string[];
  readonly pr: PullRequest;
  /** An abort signal never aborted. */
  readonly signal: AbortSignal;
  /** Moves the clock on. */
  advance(ms: number): void;
  /** Bodies of the new comments (replies), in order. */
  comments(): string[];
  /** Bodies of the sticky summary comment, each time it was written. */
  summaries(): string[];
  /** `sluice/apply` commit statuses as `state: description`, in order. */
  statuses(): string[];
  /** Check runs created, as `name: status`. */
  checkRunsCreated(): string[];
  /** Each check run's final update (by created name), as `name: conclusion`; `sluice/policy` created completed. */
  checkRunConclusions(): Record<string, CheckRunUpdate['conclusion'] | 'open'>;
  /** Audit actions recorded for the PR, in order. */
  auditActions(): Promise<string[]>;
};

/** A ServiceDeps and HostSession over in-memory fakes, with readers of what the code host was told. */
export async function serviceKit(options: ServiceKitOptions = {}): Promise<ServiceKit> {
  let now = NOW.getTime();
  const clock = { now: () => new Date(now) };
  const pr: PullRequest = { ...PR, ...options.pr };
  const store = await openInMemoryStateStore({ clock });
  const workspace = createInMemoryWorkspace();
  workspace.setFiles(pr, options.files ?? shopFiles());
  const host = createRecordingCodeHost(pr);
  const engine = createScriptedEngine('sql', options.script ?? {});
  const cleanups: string[] = [];
  const registered: ProjectEngine = {
    kind: engine.kind,
    plan: (ctx) => engine.plan(ctx),
    apply: (ctx, plan) => engine.apply(ctx, plan),
    cleanup: async (ctx) => {
      cleanups.push(`cleanup ${ctx.project.name} pr-${ctx.pr.number} at ${ctx.artifactDir}`);
      if (options.cleanupThrows?.includes(ctx.project.name)) throw new Error(`dropping the PR schema of ${ctx.project.name}: connection refused`);
    },
  };
  const logged: string[] = [];
  const record = (level: string) => (_fields: Record<string, unknown>, message: string) => void logged.push(`${level}: ${message}`);
  const log: Logger = { debug: () => {}, info: record('info'), warn: record('warn'), error: record('error') };
  const server = ServerConfig.parse(options.server ?? { apply_requirements: [] });
  const deps: ServiceDeps = {
    store, workspace, engines: { sql: registered }, server, policies: createPolicyBook(options.policies ?? []), clock, log,
    versions: fakeVersions, artifactRoot: '/artifacts', hashConfig, joinPath: join,
  };
  const session: HostSession = { codeHost: host, sticky: createStickyComments(store)({ codeHost: host, botLogin: BOT_LOGIN }), token: 'installation-token', botLogin: BOT_LOGIN };
  // Remember which check run each id is, to read the runs' conclusions by name.
  const runNames = new Map<number, string>();
  const createCheckRun = host.createCheckRun;
  host.createCheckRun = async (repo, run) => {
    const id = await createCheckRun(repo, run);
    runNames.set(id, run.name);
    return id;
  };
  const calls = <M extends RecordingCodeHost['calls'][number]['method']>(method: M) =>
    host.calls.filter((c): c is Extract<RecordingCodeHost['calls'][number], { method: M }> => c.method === method);
  return {
    deps, session, host, store, workspace, engine, cleanups, logged, pr,
    signal: new AbortController().signal,
    advance: (ms) => void (now += ms),
    comments: () => calls('postComment').map((c) => c.body),
    summaries: () => calls('upsertStickyComment').map((c) => c.parts.join('')),
    statuses: () => calls('setCommitStatus').filter((c) => c.status.context === 'sluice/apply').map((c) => `${c.status.state}: ${c.status.description}`),
    checkRunsCreated: () => calls('createCheckRun').map((c) => `${c.run.name}: ${c.run.status}`),
    checkRunConclusions: () => {
      const result: Record<string, CheckRunUpdate['conclusion'] | 'open'> = {};
      for (const call of host.calls) {
        if (call.method === 'createCheckRun') result[call.run.name] = call.run.status === 'completed' ? call.run.conclusion : 'open';
        const name = call.method === 'updateCheckRun' && call.update.status === 'completed' ? runNames.get(call.checkRunId) : undefined;
        if (name !== undefined && call.method === 'updateCheckRun') result[name] = call.update.conclusion;
      }
      return result;
    },
    auditActions: async () => (await store.listAudit(pr)).map((a) => a.action),
  };
}

/** Tool versions that answer at once: DuckDB v1.5.5, no PostgreSQL, no terraform. */
const fakeVersions: VersionProbe = {
  node: 'v24.0.0',
  duckdb: async () => 'v1.5.5',
  postgres: async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:5432'); },
  terraform: async () => undefined,
};

/** A job of the kit's PR, as the worker hands it over (running, first attempt). */
export function jobOf(request: JobRequest, options: { actor?: string; deliveryId?: string; pr?: PullRequest } = {}): Job {
  const pr = options.pr ?? PR;
  return {
    id: 'job-1', pr: { repo: pr.repo, number: pr.number }, actor: options.actor ?? 'dana', request, deliveryId: options.deliveryId ?? 'delivery-42',
    status: 'running', attempts: 1, createdAt: NOW.toISOString(), startedAt: NOW.toISOString(),
  };
}
