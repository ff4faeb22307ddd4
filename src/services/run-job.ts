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
    await replyWith(deps, session, job.pr, request.failure ? { failure: request.failure } : { cancelled: request.cancelled ?? 0 });
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
    await replyWith(deps, session, pr, { failure: denied });
    return;
  }
  await runCommand(deps, session, { pr, job, signal });
}

async function runCommand(deps: ServiceDeps, session: HostSession, input: { pr: PullRequest; job: Job; signal: AbortSignal }): Promise<void> {
  const { pr, job, signal } = input;
  if (job.request.type !== 'command') return;
  const { command } = job.request;
  if (pr.state === 'closed' && command.name !== 'help' && command.name !== 'version') {
    await replyWith(deps, session, pr, { closed: true });
    return;
  }
  switch (command.name) {
    case 'plan':
      await planPullRequest(deps, session, { pr, actor: job.actor, command, signal });
      return;
    case 'apply':
      await applyPullRequest(deps, session, { pr, actor: job.actor, command, signal });
      return;
    case 'unlock':
      await unlockPullRequest(deps, session, { pr, actor: job.actor, command });
      return;
    case 'approve_policies':
      await approvePolicies(deps, session, { pr, actor: job.actor, command });
      return;
    case 'help':
      await replyWith(deps, session, pr, { info: 'help' });
      return;
    case 'version':
      await replyWith(deps, session, pr, { versions: await gatherVersions(deps) });
      return;
    case 'cancel':
      // Cancel acts from the webhook handler (it must not wait behind the job it cancels): see cancel-runs.ts.
      return;
  }
}

/** 👀 on the command comment: seen and picked up. Best effort: a failed reaction never fails the job. */
export async function acknowledge(deps: ServiceDeps, session: HostSession, pr: Job['pr'], commentId: number): Promise<void> {
  await session.codeHost.react(pr, commentId, 'eyes').catch((err: unknown) => deps.log.warn({ pr: pr.number, err: String(err) }, 'reaction failed'));
}
