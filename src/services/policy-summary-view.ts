import { describeError, type PolicyReport } from '../policy/judge-policies.ts';
import { policyCell } from '../render/render-policy-section.ts';
import type { PolicyView, ProjectView, Requirement } from '../render/summary-view.ts';

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
