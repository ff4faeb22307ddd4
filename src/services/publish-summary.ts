import type { CommandName } from '../commands/command.ts';
import type { Failure } from '../core/outcome.ts';
import type { Plan } from '../core/plan.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { PullRequest, PullRequestRef } from '../core/pull-request.ts';
import type { CheckRunUpdate } from '../ports/code-host.ts';
import * as replies from '../render/render-replies.ts';
import { renderReply, type Reply } from '../render/render-reply.ts';
import { renderSummaryComment, SUMMARY_MARKER } from '../render/render-summary-comment.ts';
import type { PolicyReport } from '../policy/judge-policies.ts';
import { applyStatusOf, projectCheckRun, pullRequestSummaryView } from '../render/build-summary-view.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';

export const APPLY_STATUS_CONTEXT = 'sluice/apply';
/** Sluice's own checks: ignored when deciding whether the PR is mergeable. */
export const OWN_CONTEXTS = [APPLY_STATUS_CONTEXT] as const;

export type SummaryInput = {
  readonly pr: PullRequest;
  /** What this run did; other projects of the PR are shown from their stored plans. */
  readonly outcomes: readonly ProjectOutcome[];
  /** The run failed before any project (invalid config). */
  readonly failure?: Failure;
  readonly command: CommandName;
  /** The PR's policy report, when policies were evaluated in this run. */
  readonly policy?: PolicyReport;
  /** The PR was just opened, so there is no earlier summary comment to look for. */
  readonly firstComment?: boolean;
  /** The PR's stored plans as this job holds them (read from the store when absent). */
  readonly plans?: readonly Plan[];
};

/** Updates the PR's sticky summary comment in place and the `sluice/apply` commit status. */
export async function publishSummary(deps: ServiceDeps, session: HostSession, input: SummaryInput): Promise<void> {
  const { pr } = input;
  const plans = input.plans ?? (await deps.store.listPlans(pr));
  const view = pullRequestSummaryView({
    headSha: pr.headSha, outcomes: input.outcomes, plans, ...(input.policy === undefined ? {} : { policy: input.policy }),
    server: deps.server, now: deps.clock.now().toISOString(),
  });
  const markdown = input.failure ? replies.renderConfigFailure(input.failure) : renderSummaryComment(view);
  const body = input.failure ? `${SUMMARY_MARKER}\n${markdown}` : markdown;
  await session.sticky.ensure(pr, 'summary', body, { firstComment: input.firstComment === true });
  const status = applyStatusOf(view.projects, { failure: input.failure, commandName: deps.server.command.name });
  await session.codeHost.setCommitStatus(pr.repo, pr.headSha, { context: APPLY_STATUS_CONTEXT, ...status });
}

/** The check run output of one project. */
export function renderProjectCheckRun(deps: ServiceDeps, _pr: PullRequestRef, outcome: ProjectOutcome, which: 'plan' | 'apply'): Omit<CheckRunUpdate, 'status'> {
  return projectCheckRun(outcome, which, { commandName: deps.server.command.name, now: deps.clock.now().toISOString() });
}

/** A short new comment answering a command (every reply goes through here). */
export async function replyWith(deps: ServiceDeps, session: HostSession, pr: PullRequestRef, reply: Reply): Promise<void> {
  await session.codeHost.postComment(pr, renderReply(reply, { commandName: deps.server.command.name }));
}
