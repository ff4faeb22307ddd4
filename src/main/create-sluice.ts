import { join } from 'node:path';
import { hostname } from 'node:os';
import type { Probot } from 'probot';
import { sluiceApp } from '../app.ts';
import { createGitHubCodeHost } from '../adapters/github/github-code-host.ts';
import { hashConfig } from '../config/config-hash.ts';
import type { ServerConfig } from '../config/schema.ts';
import type { Job } from '../core/job.ts';
import type { Clock } from '../ports/clock.ts';
import type { EngineRegistry } from '../ports/engine-registry.ts';
import type { Logger } from '../ports/logger.ts';
import type { StateStore } from '../ports/state-store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { createJobWorker, type JobWorker } from '../services/job-worker.ts';
import { replyWith } from '../services/publish-summary.ts';
import { runJob } from '../services/run-job.ts';
import type { HostSession, ServiceDeps } from '../services/service-deps.ts';

export type SluiceOptions = {
  readonly probot: Probot;
  readonly server: ServerConfig;
  readonly store: StateStore;
  readonly workspace: Workspace;
  readonly engines: EngineRegistry;
  readonly clock: Clock;
  readonly log: Logger;
  readonly dataDir: string;
  /** The GitHub App's slug (`@slug` addresses the bot). */
  readonly appSlug?: string;
  readonly workerId?: string;
  readonly pollMs?: number;
};

export type Sluice = { readonly worker: JobWorker; readonly deps: ServiceDeps; start(): Promise<void>; stop(): Promise<void> };

/** The composition root: the only place adapters are constructed and wired together. */
export function createSluice(options: SluiceOptions): Sluice {
  const deps: ServiceDeps = {
    store: options.store,
    workspace: options.workspace,
    engines: options.engines,
    server: options.server,
    clock: options.clock,
    log: options.log,
    artifactRoot: join(options.dataDir, 'artifacts'),
    hashConfig,
    joinPath: join,
  };
  const sessionFor = async (job: Job): Promise<HostSession> => {
    if (job.installationId === undefined) throw new Error(`job ${job.id} has no installation id`);
    const octokit = await options.probot.auth(job.installationId);
    const auth = (await octokit.auth({ type: 'installation' })) as { token: string };
    return { codeHost: createGitHubCodeHost(octokit), token: auth.token, botLogin: options.appSlug ? `${options.appSlug}[bot]` : undefined };
  };
  const worker = createJobWorker({
    store: options.store,
    workerId: options.workerId ?? hostname(),
    concurrency: options.server.concurrency,
    pollMs: options.pollMs ?? 1_000,
    log: options.log,
    run: async (job, signal) => runJob(deps, await sessionFor(job), job, signal),
    onInterrupted: async (job) => replyWith(deps, await sessionFor(job), job.pr, { interrupted: job }),
  });
  const app = sluiceApp({ store: options.store, server: options.server, log: options.log, appSlug: options.appSlug, wake: worker.wake, abort: worker.abort });
  return {
    worker,
    deps,
    async start() {
      await options.probot.load(app);
      await worker.start();
    },
    stop: () => worker.stop(),
  };
}
