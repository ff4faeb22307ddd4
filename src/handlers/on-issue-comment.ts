import { parseCommand } from '../commands/parse-command.ts';
import type { NewJob } from '../core/job.ts';
import { enqueue, repoAllowed, type Delivery, type HandlerDeps } from './handler-deps.ts';
import { IssueCommentEvent } from './payload-slices.ts';

/**
 * issue_comment created on a PR: parse the command; enqueue it (or the reply to an invalid one).
 * `cancel` runs at once once its delivery is recorded (a redelivery does nothing), since it must not wait
 * behind the job it cancels; it is authorized like every command.
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
  if (parsed.kind === 'command' && parsed.command.name === 'cancel') {
    const { duplicate } = await enqueue(deps, delivery.id, []);
    if (!duplicate) await deps.cancel({ ...base, association: event.comment.author_association, commentId: event.comment.id });
    return;
  }
  const job: NewJob = parsed.kind === 'invalid'
    ? { ...base, request: { type: 'reply', failure: parsed.failure } }
    : { ...base, request: { type: 'command', command: parsed.command, commentId: event.comment.id, association: event.comment.author_association } };
  await enqueue(deps, delivery.id, [job]);
}
