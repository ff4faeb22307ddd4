import { join } from 'node:path';
import { hostname } from 'node:os';
import type { Probot } from 'probot';
import { sluiceApp } from '../app.ts';
import { createGitHubCodeHost } from '../adapters/github/github-code-host.ts';
import { createRedactingCodeHost } from '../adapters/github/redacting-code-host.ts';
import type { InstallationTokens } from '../adapters/github/installation-tokens.ts';
import { hashConfig } from '../config/config-hash.ts';
import { createStickyComments } from '../services/sticky-comments.ts';
import { createPolicyBook } from '../policy/policy-book.ts';
import { readServerPolicies } from '../policy/read-server-policies.ts';
import type { ServerConfig } from '../config/schema.ts';
import type { CancelDelivery } from '../handlers/handler-deps.ts';
import type { Job } from '../core/job.ts';
import { prKey } from '../core/pull-request.ts';
import type { Clock } from '../ports/clock.ts';
import type { EngineRegistry } from '../ports/engine-registry.ts';
import type { Logger } from '../ports/logger.ts';
import type { StateStore } from '../ports/state-store.ts';
import type { VersionProbe } from '../ports/version-probe.ts';
import { createVersionProbe } from '../adapters/create-version-probe.ts';
import type { Workspace } from '../ports/workspace.ts';
import type { SecretRedactor } from '../render/create-secret-redactor.ts';
import { createJobWorker, type JobWorker } from '../services/job-worker.ts';
import { command } from '../commands/command.ts';
import { cancelRuns } from '../services/cancel-runs.ts';
import { replyWith } from '../services/publish-summary.ts';
import { reportJobFailure } from '../services/report-job-failure.ts';
import { runJob } from '../services/run-job.ts';
import type { HostSession, ServiceDeps } from '../services/service-deps.ts';

export type SluiceOptions = {
  readonly probot: Probot;
  /** Installation tokens for git, exchanged at the configured GitHub host (see installation-tokens.ts). */
  readonly installationTokens: InstallationTokens;
  /**
   * Redacts every text bound for GitHub (comments, check runs, annotations, statuses): the server's secrets by
   * value, in every encoding, plus known patterns. Each session adds its installation token.
   */
  readonly redactor: SecretRedactor;
  readonly server: ServerConfig;
  readonly store: StateStore;
  readonly workspace: Workspace;
  readonly engines: EngineRegistry;
  readonly clock: Clock;
  readonly log: Logger;
  /** Reads the tool versions `sluice version` reports; default: the real probes over the process environment. */
  readonly versions?: VersionProbe;
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
    policies: createPolicyBook(readServerPolicies(options.server.policy_paths)),
    clock: options.clock,
    log: options.log,
    versions: options.versions ?? createVersionProbe({ env: process.env }),
    artifactRoot: join(options.dataDir, 'artifacts'),
    hashConfig,
    joinPath: join,
  };
  const stickyFor = createStickyComments(options.store);
  const sessionFor = async (installationId: number | undefined, what: string): Promise<HostSession> => {
    if (installationId === undefined) throw new Error(`${what} has no installation id`);
    const [octokit, token] = await Promise.all([options.probot.auth(installationId), options.installationTokens(installationId)]);
    // The one redaction boundary: everything any service posts passes through it.
    const codeHost = createRedactingCodeHost(createGitHubCodeHost(octokit), options.redactor.withSecrets([token]).redact);
    const botLogin = options.appSlug ? `${options.appSlug}[bot]` : undefined;
    return { codeHost, token, botLogin, sticky: stickyFor({ codeHost, botLogin }) };
  };
  const sessionForJob = (job: Job) => sessionFor(job.installationId, `job ${job.id}`);
  const worker = createJobWorker({
    store: options.store,
    workerId: options.workerId ?? hostname(),
    concurrency: options.server.concurrency,
    pollMs: options.pollMs ?? 1_000,
    log: options.log,
    run: async (job, signal) => runJob(deps, await sessionForJob(job), job, signal),
    onStopped: async (job, stop) => reportJobFailure(deps, await sessionForJob(job), job, stop),
  });
  const cancel = async (request: CancelDelivery): Promise<void> => {
    try {
      await cancelRuns(deps, await sessionFor(request.installationId, `delivery ${request.deliveryId}`), request, worker.abort);
    } catch (err) {
      options.log.error({ delivery: request.deliveryId, pr: prKey(request.pr), err: err instanceof Error ? err.stack : String(err) }, 'cancel failed');
      const job = { id: request.deliveryId, pr: request.pr, actor: request.actor, deliveryId: request.deliveryId, request: { type: 'command', command: command('cancel') }, status: 'failed', attempts: 1, createdAt: options.clock.now().toISOString() } satisfies Job;
      await sessionFor(request.installationId, `delivery ${request.deliveryId}`)
        .then((session) => replyWith(deps, session, request.pr, { kind: 'app-error', job }))
        .catch((error: unknown) => options.log.error({ delivery: request.deliveryId, err: String(error) }, 'replying about a failed cancel failed'));
    }
  };
  const app = sluiceApp({ store: options.store, server: options.server, log: options.log, appSlug: options.appSlug, wake: worker.wake, cancel });
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
