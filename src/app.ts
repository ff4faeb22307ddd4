import type { Probot } from 'probot';
import type { HandlerDeps } from './handlers/handler-deps.ts';
import { onCheckRun } from './handlers/on-check-run.ts';
import { onIssueComment } from './handlers/on-issue-comment.ts';
import { onPullRequest } from './handlers/on-pull-request.ts';

/** The Probot entry: registers the thin handlers, nothing else. Wiring happens in main/. */
export function sluiceApp(deps: HandlerDeps): (app: Probot) => void {
  return (app) => {
    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review', 'pull_request.closed'], (context) =>
      onPullRequest(deps, { id: context.id, payload: context.payload }),
    );
    app.on('issue_comment.created', (context) => onIssueComment(deps, { id: context.id, payload: context.payload }));
    app.on(['check_run.requested_action', 'check_run.rerequested'], (context) => onCheckRun(deps, { id: context.id, payload: context.payload }));
    app.on('pull_request_review.submitted', (context) => {
      // Approvals are read when `apply` runs; nothing to queue.
      deps.log.debug({ delivery: context.id, pr: context.payload.pull_request.number }, 'review recorded');
    });
  };
}
