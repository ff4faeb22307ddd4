import { formatCommand } from '../commands/format-command.ts';
import { command, type CommandName } from '../commands/command.ts';
import type { Failure } from '../core/outcome.ts';
import { hasChanges, type Plan } from '../core/plan.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { PullRequest, PullRequestRef } from '../core/pull-request.ts';
import type { CheckRunUpdate, CommitState } from '../ports/code-host.ts';
import { renderCheckRun } from '../render/render-check-run.ts';
import * as replies from '../render/render-replies.ts';
import { renderReply, type Reply } from '../render/render-reply.ts';
import { renderSummaryComment, SUMMARY_MARKER } from '../render/render-summary-comment.ts';
import type { ProjectView, SummaryView } from '../render/summary-view.ts';
import type { PolicyReport } from '../policy/judge-policies.ts';
import { policyRequirement, policyView, projectView, withPolicyCells } from '../render/build-summary-view.ts';
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
};

/** Updates the PR's sticky summary comment in place and the `sluice/apply` commit status. */
export async function publishSummary(deps: ServiceDeps, session: HostSession, input: SummaryInput): Promise<void> {
  const { pr } = input;
  const plans = await deps.store.listPlans(pr);
  const policy = input.policy === undefined ? undefined : policyView(input.policy);
  const views = withPolicyCells(projectViews(input.outcomes, plans), policy);
  const view: SummaryView = {
    headSha: pr.headSha,
    projects: views,
    ...(policy === undefined ? {} : { policy }),
    requirements: [...requirementsView(deps, views), ...policyRequirement(views, policy)],
    holdsLocks: views.some((v) => v.status === 'planned' || v.status === 'no-changes'),
    commandName: deps.server.command.name,
    now: deps.clock.now().toISOString(),
  };
  const markdown = input.failure ? replies.renderConfigFailure(input.failure) : renderSummaryComment(view);
  const body = input.failure ? `${SUMMARY_MARKER}\n${markdown}` : markdown;
  await session.sticky.ensure(pr, 'summary', body, { firstComment: input.firstComment === true });
  const status = applyStatus(deps, views, input.failure);
  await session.codeHost.setCommitStatus(pr.repo, pr.headSha, { context: APPLY_STATUS_CONTEXT, ...status });
}

function projectViews(outcomes: readonly ProjectOutcome[], plans: readonly Plan[]): ProjectView[] {
  const views: ProjectView[] = outcomes.map(projectView);
  for (const plan of plans) {
    if (views.some((v) => v.name === plan.project)) continue;
    const status = plan.appliedAt !== undefined ? 'applied' : hasChanges(plan) ? 'planned' : 'no-changes';
    views.push({ name: plan.project, kind: plan.kind, target: plan.target, status, plan });
  }
  return views;
}

function requirementsView(deps: ServiceDeps, views: readonly ProjectView[]): SummaryView['requirements'] {
  if (!views.some((v) => v.status === 'planned')) return [];
  const teams = deps.server.approvers.map((t) => `@${t}`).join(' or ');
  return deps.server.apply_requirements.map((name) => ({
    name,
    met: false,
    detail: name === 'approved' ? `an approval at the head commit${teams ? ` from ${teams}` : ''}; checked on apply` : 'checked on apply',
  }));
}

function applyStatus(deps: ServiceDeps, views: readonly ProjectView[], fail?: Failure): { state: CommitState; description: string } {
  if (fail) return { state: 'error', description: 'the Sluice configuration is invalid; see the summary comment' };
  const failed = views.filter((v) => v.status === 'failed' || v.status === 'apply-failed');
  if (failed.length > 0) return { state: 'failure', description: `${failed.map((v) => v.name).join(', ')} failed` };
  const waiting = views.filter((v) => v.status === 'planned' || v.status === 'locked-elsewhere');
  if (waiting.length === 0) return { state: 'success', description: 'nothing left to apply' };
  const apply = formatCommand(command('apply'), { name: deps.server.command.name });
  return { state: 'pending', description: `${waiting.length} project(s) to apply: comment "${apply}"` };
}

/** The check run output of one project. */
export function renderProjectCheckRun(deps: ServiceDeps, _pr: PullRequestRef, outcome: ProjectOutcome, which: 'plan' | 'apply'): Omit<CheckRunUpdate, 'status'> {
  const [view] = projectViews([outcome], []);
  const rendered = renderCheckRun({ project: view!, commandName: deps.server.command.name, now: deps.clock.now().toISOString() }, which);
  const actions = which === 'plan' && outcome.status === 'planned'
    ? [{ label: 'Apply', description: `Apply ${outcome.project.name}`.slice(0, 40), identifier: 'apply' }, { label: 'Re-plan', description: 'Plan again', identifier: 'plan' }]
    : [{ label: 'Re-plan', description: 'Plan again', identifier: 'plan' }];
  return { ...rendered, annotations: outcome.plan?.annotations ?? annotationsOf(outcome.failure), actions };
}

function annotationsOf(f: Failure | undefined): CheckRunUpdate['annotations'] {
  const located = [...(f?.location ? [{ message: f.message, location: f.location }] : []), ...(f?.problems ?? [])];
  return located
    .filter((p) => p.location?.line !== undefined)
    .map((p) => ({ location: { ...p.location!, line: p.location!.line! }, level: 'failure' as const, title: 'Sluice', message: p.message }));
}

/** A short new comment answering a command (every reply goes through here). */
export async function replyWith(deps: ServiceDeps, session: HostSession, pr: PullRequestRef, reply: Reply): Promise<void> {
  await session.codeHost.postComment(pr, renderReply(reply, { commandName: deps.server.command.name }));
}
