import type { Command, CommandName } from '../commands/command.ts';
import type { Job } from '../core/job.ts';
import type { PullRequest } from '../core/pull-request.ts';
import { applyPullRequest } from './apply-pull-request.ts';
import { approvePolicies } from './approve-policies.ts';
import { authorizeCommand, denyFromFork } from './authorize-command.ts';
import { closePullRequest } from './close-pull-request.ts';
import { planPullRequest } from './plan-pull-request.ts';
import { replyWith } from './publish-summary.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';
import { unlockPullRequest } from './unlock-pull-request.ts';
import { gatherVersions } from './version.ts';

/** Runs one claimed job to completion. Expected problems are reported on the PR; unexpected ones throw. */
export async function runJob(deps: ServiceDeps, session: HostSession, job: Job, signal: AbortSignal): Promise<void> {
  const request = job.request;
  if (request.type === 'autoplan') {
    await planPullRequest(deps, session, { pr: request.pullRequest, actor: job.actor, signal, opened: request.opened });
    return;
  }
  if (request.type === 'reply') {
    await replyWith(deps, session, job.pr, request.failure ? { kind: 'failure', failure: request.failure } : { kind: 'cancelled', count: request.cancelled ?? 0 });
    return;
  }
  const pr = await session.codeHost.getPullRequest(job.pr);
  if (request.type === 'closed') {
    await closePullRequest(deps, session, { pr, merged: request.merged });
    return;
  }
  const { command } = request;
  if (request.commentId !== undefined) await acknowledge(deps, session, job.pr, request.commentId);
  const denied = (await authorizeCommand(deps, session, command.name, job.actor))
    ?? denyFromFork(pr, { name: command.name, actor: job.actor, association: request.association });
  if (denied) {
    await replyWith(deps, session, pr, { kind: 'failure', failure: denied });
    return;
  }
  if (pr.state === 'closed' && command.name !== 'help' && command.name !== 'version') {
    await replyWith(deps, session, pr, { kind: 'closed' });
    return;
  }
  await RUNNERS[command.name](deps, session, { pr, job, command, signal });
}

type RunnerInput = { readonly pr: PullRequest; readonly job: Job; readonly command: Command; readonly signal: AbortSignal };

/** Runs one authorized command on an open pull request (or, for help and version, on any). */
type Runner = (deps: ServiceDeps, session: HostSession, input: RunnerInput) => Promise<void>;

/** One runner per command: a name added to `CommandName` without one here does not compile. */
const RUNNERS: Readonly<Record<CommandName, Runner>> = {
  plan: async (deps, session, { pr, job, command, signal }) => {
    await planPullRequest(deps, session, { pr, actor: job.actor, command, signal });
  },
  apply: async (deps, session, { pr, job, command, signal }) => {
    await applyPullRequest(deps, session, { pr, actor: job.actor, command, signal });
  },
  unlock: async (deps, session, { pr, job, command }) => {
    await unlockPullRequest(deps, session, { pr, actor: job.actor, command });
  },
  approve_policies: async (deps, session, { pr, job, command }) => {
    await approvePolicies(deps, session, { pr, actor: job.actor, command });
  },
  help: async (deps, session, { pr }) => {
    await replyWith(deps, session, pr, { kind: 'help' });
  },
  version: async (deps, session, { pr }) => {
    await replyWith(deps, session, pr, { kind: 'versions', versions: await gatherVersions(deps) });
  },
  // Cancel acts from the webhook handler (it must not wait behind the job it cancels): see cancel-runs.ts.
  cancel: async () => undefined,
};

/** 👀 on the command comment: seen and picked up. Best effort: a failed reaction never fails the job. */
export async function acknowledge(deps: ServiceDeps, session: HostSession, pr: Job['pr'], commentId: number): Promise<void> {
  await session.codeHost.react(pr, commentId, 'eyes').catch((err: unknown) => deps.log.warn({ pr: pr.number, err: String(err) }, 'reaction failed'));
}
