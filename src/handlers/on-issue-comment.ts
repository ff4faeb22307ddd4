import { parseCommand } from '../commands/parse-command.ts';
import type { NewJob } from '../core/job.ts';
import { enqueue, repoAllowed, type Delivery, type HandlerDeps } from './handler-deps.ts';
import { IssueCommentEvent } from './payload-slices.ts';

/**
 * issue_comment created on a PR: parse the command; enqueue it (or the reply to an invalid one).
 * `cancel` acts here at once, since it must not wait behind the job it cancels.
 */
export async function onIssueComment(deps: HandlerDeps, delivery: Delivery<unknown>): Promise<void> {
  const event = IssueCommentEvent.parse(delivery.payload);
  if (event.action !== 'created' || !event.issue.pull_request || event.comment.user.type === 'Bot') return;
  if (!repoAllowed(deps.server, event.repository.full_name)) return;
  const parsed = parseCommand(event.comment.body ?? '', {
    names: [deps.server.command.name, ...deps.server.command.aliases],
    appSlug: deps.appSlug,
    extraArgsAllowlist: deps.server.extra_args_allowlist,
  });
  if (parsed.kind === 'ignored') return;
  const pr = { repo: event.repository.full_name, number: event.issue.number };
  const base = { pr, installationId: event.installation?.id, actor: event.comment.user.login, deliveryId: delivery.id };
  let job: NewJob;
  if (parsed.kind === 'invalid') {
    job = { ...base, request: { type: 'reply', failure: parsed.failure } };
  } else if (parsed.command.name === 'cancel') {
    // The running job is asked to stop through the store too, in case another process runs it.
    const queued = await deps.store.cancelQueuedJobs(pr);
    const running = await deps.store.requestCancel(pr);
    const cancelled = queued.length + Math.max(running.length, deps.abort(pr) ? 1 : 0);
    job = { ...base, request: { type: 'reply', cancelled } };
  } else {
    job = { ...base, request: { type: 'command', command: parsed.command, commentId: event.comment.id, association: event.comment.author_association } };
  }
  await enqueue(deps, delivery.id, [job]);
}
