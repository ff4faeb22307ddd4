import type { PullRequestRef } from '../core/pull-request.ts';
import { acknowledge } from './run-job.ts';
import { authorizeCommand, denyFromFork } from './authorize-command.ts';
import { replyWith } from './publish-summary.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';

export type CancelRequest = {
  readonly pr: PullRequestRef;
  readonly actor: string;
  /** GitHub's author_association of the commenter. */
  readonly association?: string;
  readonly commentId?: number;
};

/**
 * `cancel`: authorized like every command (the server's `permissions.cancel`, the fork rule; the PR's author
 * may always cancel runs of their own PR), then drops the PR's queued jobs and stops its running one — here,
 * when this process runs it (`abortHere`), and through the store for any other worker. It runs from the
 * webhook handler after the delivery is recorded, so a redelivery does nothing and it never waits behind
 * the run it cancels.
 */
export async function cancelRuns(
  deps: ServiceDeps,
  session: HostSession,
  request: CancelRequest,
  abortHere: (pr: PullRequestRef) => boolean,
): Promise<void> {
  if (request.commentId !== undefined) await acknowledge(deps, session, request.pr, request.commentId);
  const pr = await session.codeHost.getPullRequest(request.pr);
  const isAuthor = pr.author.toLowerCase() === request.actor.toLowerCase();
  const denied = isAuthor
    ? undefined
    : (await authorizeCommand(deps, session, 'cancel', request.actor)) ?? denyFromFork(pr, { name: 'cancel', actor: request.actor, association: request.association });
  if (denied) {
    deps.log.info({ pr: pr.number, repo: pr.repo, actor: request.actor }, 'cancel denied');
    await replyWith(deps, session, pr, { kind: 'failure', failure: denied });
    return;
  }
  const queued = await deps.store.cancelQueuedJobs(pr);
  const running = await deps.store.requestCancel(pr);
  const stoppedHere = abortHere(pr);
  deps.log.info({ pr: pr.number, repo: pr.repo, actor: request.actor, queued: queued.length, running: running.length }, 'runs cancelled');
  await replyWith(deps, session, pr, { kind: 'cancelled', count: queued.length + Math.max(running.length, stoppedHere ? 1 : 0) });
}
