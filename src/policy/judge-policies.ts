import type { PolicyError, PolicyEvaluation, PolicyViolation } from './policy-types.ts';

/** An approval recorded for one violation item (see StateStore.addPolicyApprovals). */
export type ItemApproval = { readonly project: string; readonly ruleId: string; readonly item: string; readonly approver: string };

export type PolicyStatus = 'warn' | 'denied' | 'pending' | 'approved';

export type JudgedViolation = PolicyViolation & {
  readonly status: PolicyStatus;
  /** Distinct owners who approved at least one current item. */
  readonly approvedBy: readonly string[];
  /** Approvals still missing on the item that lacks the most. */
  readonly missing: number;
};

/** The policy outcome of a PR: violations with their approval state, errors, and policy files the PR edits. */
export type PolicyReport = {
  readonly violations: readonly JudgedViolation[];
  readonly errors: readonly PolicyError[];
  readonly rulesChecked: number;
  /** Policy files this PR changes: judged by the default branch's version; they apply after merge. */
  readonly changedPolicyFiles: readonly string[];
};

/**
 * Combines an evaluation with the recorded approvals. Approvals stick to items: each current item of a
 * `require_approval` violation needs `count` distinct approvers; approvals of items that are gone are ignored.
 */
export function judgePolicies(evaluation: PolicyEvaluation, approvals: readonly ItemApproval[], changedPolicyFiles: readonly string[] = []): PolicyReport {
  const violations = evaluation.violations.map((v): JudgedViolation => {
    if (v.effect !== 'require_approval') return { ...v, status: v.effect === 'deny' ? 'denied' : 'warn', approvedBy: [], missing: 0 };
    const perItem = v.items.map((item) => new Set(approvals
      .filter((a) => a.project === v.project && a.ruleId === v.ruleId && a.item === item)
      .map((a) => a.approver.toLowerCase())));
    const approvedBy = [...new Set(perItem.flatMap((s) => [...s]))].sort();
    const missing = Math.max(0, ...perItem.map((s) => v.count - s.size));
    return { ...v, status: missing === 0 ? 'approved' : 'pending', approvedBy, missing };
  });
  return { violations, errors: evaluation.errors, rulesChecked: evaluation.rulesChecked, changedPolicyFiles };
}

/** The report without the given projects (e.g. once they are applied: their plans are no longer judged). */
export function omitProjects(report: PolicyReport, projects: readonly string[]): PolicyReport {
  const gone = new Set(projects);
  return {
    ...report,
    violations: report.violations.filter((v) => !gone.has(v.project)),
    errors: report.errors.filter((e) => e.project === undefined || !gone.has(e.project)),
  };
}

/** Why the policies block `project`, one line per reason; empty when they do not. */
export function policyBlockReasons(report: PolicyReport, project: string): string[] {
  const errors = report.errors.filter((e) => e.project === undefined || e.project === project).map((e) => `policy error: ${describeError(e)}`);
  const violations = report.violations.filter((v) => v.project === project);
  const denied = violations.filter((v) => v.status === 'denied').map((v) => `\`${v.ruleId}\` denies: ${v.message}`);
  const pending = violations.filter((v) => v.status === 'pending').map((v) =>
    `\`${v.ruleId}\` needs ${v.missing} more approval${v.missing === 1 ? '' : 's'} from ${describeOwners(v.owners)}: ${v.message}`);
  return [...errors, ...denied, ...pending];
}

/** `file (rule r, project p): message`. */
export function describeError(error: PolicyError): string {
  const line = error.location?.line === undefined ? '' : `:${error.location.line}`;
  const context = [error.ruleId === undefined ? '' : `rule ${error.ruleId}`, error.project === undefined ? '' : `project ${error.project}`].filter((c) => c !== '');
  return `${error.file}${line}${context.length > 0 ? ` (${context.join(', ')})` : ''}: ${error.message}`;
}

/** `@acme/platform or @priya`; a role without members reads `role:privacy (no one is configured for role privacy)`. */
export function describeOwners(owners: readonly string[]): string {
  if (owners.length === 0) return 'nobody (no owner is listed: fix the ownership metadata)';
  return shownOwners(owners).map((o) => (o.startsWith('role:') ? unconfiguredRole(o) : `@${o}`)).join(' or ');
}

/** A `role:<name>` left unresolved (no server file gives it members), for messages. */
function unconfiguredRole(owner: string): string {
  return `${owner} (no one is configured for role ${owner.slice('role:'.length)})`;
}

/** Owners worth naming: an undefined `role:` (which matches nobody) only when nobody else is listed. */
export function shownOwners(owners: readonly string[]): readonly string[] {
  const real = owners.filter((o) => !o.startsWith('role:'));
  return real.length > 0 ? real : owners;
}
