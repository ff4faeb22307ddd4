/**
 * Pure view builders: what the summary comment, the check runs and the terminal show, from outcomes, plans
 * and policy reports. The services and the CLI call these; render draws the views.
 */
import { describeError, type PolicyReport } from '../policy/judge-policies.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
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
