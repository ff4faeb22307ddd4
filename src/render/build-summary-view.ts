/**
 * Pure view builders: what the summary comment, the check runs and the terminal show, from outcomes, plans
 * and policy reports. The services and the CLI call these; render draws the views.
 */
import { describeError, type PolicyReport } from '../policy/judge-policies.ts';
import { command } from '../commands/command.ts';
import { formatCommand } from '../commands/format-command.ts';
import type { ServerConfig } from '../config/schema.ts';
import type { Failure } from '../core/outcome.ts';
import { hasChanges, type Plan } from '../core/plan.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { RequirementName } from '../core/project.ts';
import type { CheckRunUpdate, CommitState } from '../ports/code-host.ts';
import { renderCheckRun } from './render-check-run.ts';
import { policyCell } from './render-policy-section.ts';
import type { PolicyView, ProjectView, Requirement, SummaryView } from './summary-view.ts';

/** The summary's view of a policy report (a pull request's, or a local plan's). */
export function policyView(report: PolicyReport): PolicyView {
  return {
    rows: report.violations.map((v) => ({
      project: v.project, ruleId: v.ruleId, effect: v.effect, status: v.status, message: v.message,
      owners: v.owners, approvedBy: v.approvedBy, count: v.count, missing: v.missing,
    })),
    errors: report.errors.map(describeError),
    rulesChecked: report.rulesChecked,
    changedPolicyFiles: report.changedPolicyFiles,
  };
}

/** The projects with their policy cell (`✅`, `⛔ denied by …`, `⏳ needs …`) while they wait to apply. */
export function withPolicyCells(views: readonly ProjectView[], policy: PolicyView | undefined): ProjectView[] {
  if (policy === undefined) return [...views];
  return views.map((v) => (v.status === 'planned' || v.status === 'no-changes' ? { ...v, policy: policyCell(policy, v.name) } : v));
}

/** `⏳ policy approval` while a planned project is blocked by its policies. */
export function policyRequirement(views: readonly ProjectView[], policy: PolicyView | undefined): Requirement[] {
  if (policy === undefined || !views.some((v) => v.status === 'planned')) return [];
  const blocking = policy.errors.length > 0 || policy.rows.some((r) => r.status === 'denied' || r.status === 'pending');
  if (!blocking) return [{ name: 'policies', met: true, detail: '' }];
  const detail = policy.errors.length > 0 || policy.rows.some((r) => r.status === 'denied') ? 'policies deny apply (see Policies)' : 'policy approval (see Policies)';
  return [{ name: 'policies', met: false, detail }];
}

/**
 * The PR summary's view of a local plan or apply: the same projects, no locks, no review requirements. With a
 * policy report, the policy cells, the Policies section and the policy requirement, as the PR summary has them.
 */
export function workingTreeSummaryView(input: { headSha: string; outcomes: readonly ProjectOutcome[]; commandName: string; now: string; policy?: PolicyReport }): SummaryView {
  const policy = input.policy === undefined ? undefined : policyView(input.policy);
  const projects = withPolicyCells(input.outcomes.map(projectView), policy);
  return {
    headSha: input.headSha,
    projects,
    requirements: policyRequirement(projects, policy),
    holdsLocks: false,
    commandName: input.commandName,
    now: input.now,
    ...(policy === undefined ? {} : { policy }),
  };
}

/** One project's row and section, from what happened to it in this run. */
export function projectView(o: ProjectOutcome): ProjectView {
  return {
    name: o.project.name,
    kind: o.project.kind,
    target: o.project.target,
    status: o.status,
    ...(o.plan === undefined ? {} : { plan: o.plan }),
    ...(o.failure === undefined ? {} : { failure: o.failure }),
    ...(o.applied === undefined ? {} : { apply: o.applied }),
    ...(o.heldBy === undefined ? {} : { lockHolder: o.heldBy }),
  };
}

/** What of the server config the PR summary shows. */
export type SummaryServer = Pick<ServerConfig, 'approvers' | 'apply_requirements'> & { readonly command: { readonly name: string } };

/**
 * The PR summary's view: this run's outcomes and the PR's other stored plans, with the policy cells and
 * section, the requirements left before apply, and whether the PR holds locks.
 */
export function pullRequestSummaryView(input: {
  headSha: string; outcomes: readonly ProjectOutcome[]; plans: readonly Plan[]; policy?: PolicyReport; server: SummaryServer; now: string;
}): SummaryView {
  const policy = input.policy === undefined ? undefined : policyView(input.policy);
  const views = withPolicyCells(projectViews(input.outcomes, input.plans), policy);
  return {
    headSha: input.headSha,
    projects: views,
    ...(policy === undefined ? {} : { policy }),
    requirements: [...requirementsView(input.server, views), ...policyRequirement(views, policy)],
    holdsLocks: views.some((v) => v.status === 'planned' || v.status === 'no-changes'),
    commandName: input.server.command.name,
    now: input.now,
  };
}

/** The projects of this run, then the PR's other stored plans as they stand. */
export function projectViews(outcomes: readonly ProjectOutcome[], plans: readonly Plan[]): ProjectView[] {
  const views: ProjectView[] = outcomes.map(projectView);
  for (const plan of plans) {
    if (views.some((v) => v.name === plan.project)) continue;
    const status = plan.appliedAt !== undefined ? 'applied' : hasChanges(plan) ? 'planned' : 'no-changes';
    views.push({ name: plan.project, kind: plan.kind, target: plan.target, status, plan });
  }
  return views;
}

function requirementsView(server: SummaryServer, views: readonly ProjectView[]): SummaryView['requirements'] {
  if (!views.some((v) => v.status === 'planned')) return [];
  const teams = server.approvers.map((t) => `@${t}`).join(' or ');
  const details: Readonly<Record<RequirementName, string>> = {
    approved: `an approval at the head commit${teams ? ` from ${teams}` : ''}`,
    mergeable: 'mergeable',
    undiverged: 'up to date with the base branch',
  };
  return server.apply_requirements.map((name) => ({ name, met: false, detail: `${details[name]}; checked on apply` }));
}

/** The `sluice/apply` commit status: error on an invalid config, failure, pending while projects wait to apply, success. */
export function applyStatusOf(views: readonly ProjectView[], options: { failure?: Failure | undefined; commandName: string }): { state: CommitState; description: string } {
  const fail = options.failure;
  if (fail) return { state: 'error', description: 'the Sluice configuration is invalid; see the summary comment' };
  const failed = views.filter((v) => v.status === 'failed' || v.status === 'apply-failed');
  if (failed.length > 0) return { state: 'failure', description: `${failed.map((v) => v.name).join(', ')} failed` };
  const waiting = views.filter((v) => v.status === 'planned' || v.status === 'locked-elsewhere');
  if (waiting.length === 0) return { state: 'success', description: 'nothing left to apply' };
  const apply = formatCommand(command('apply'), { name: options.commandName });
  return { state: 'pending', description: `${waiting.length} project(s) to apply: comment "${apply}"` };
}

/** The check run output of one project. */
export function projectCheckRun(outcome: ProjectOutcome, which: 'plan' | 'apply', ctx: { commandName: string; now: string }): Omit<CheckRunUpdate, 'status'> {
  const rendered = renderCheckRun({ project: projectView(outcome), commandName: ctx.commandName, now: ctx.now }, which);
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

