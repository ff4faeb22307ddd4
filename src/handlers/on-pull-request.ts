import type { NewJob } from '../core/job.ts';
import { enqueue, repoAllowed, type Delivery, type HandlerDeps } from './handler-deps.ts';
import { PullRequestEvent, toPullRequest } from './payload-slices.ts';

const AUTOPLAN_ACTIONS = new Set(['opened', 'synchronize', 'reopened', 'ready_for_review']);

/** pull_request: autoplan on opened/synchronize/reopened (drafts and forks per server config); closed releases. */
export async function onPullRequest(deps: HandlerDeps, delivery: Delivery<unknown>): Promise<void> {
  const event = PullRequestEvent.parse(delivery.payload);
  if (!repoAllowed(deps.server, event.repository.full_name)) return;
  const pr = toPullRequest(event);
  const base = { pr: { repo: pr.repo, number: pr.number }, installationId: pr.installationId, actor: event.sender.login, deliveryId: delivery.id };
  let job: NewJob | undefined;
  if (event.action === 'closed') {
    job = { ...base, request: { type: 'closed', merged: pr.merged } };
  } else if (AUTOPLAN_ACTIONS.has(event.action) && autoplanAllowed(deps, pr)) {
    job = { ...base, request: { type: 'autoplan', pullRequest: pr, opened: event.action === 'opened' } };
  }
  await enqueue(deps, delivery.id, job ? [job] : []);
}

function autoplanAllowed(deps: HandlerDeps, pr: { draft: boolean; fromFork: boolean }): boolean {
  if (pr.draft && !deps.server.autoplan.drafts) return false;
  if (pr.fromFork && !deps.server.autoplan.forks) return false;
  return true;
}
