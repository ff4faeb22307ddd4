import type { Plan } from '../core/plan.ts';
import { evaluatePolicies } from './evaluate-policies.ts';
import { judgePolicies, type ItemApproval, type PolicyReport } from './judge-policies.ts';
import type { PolicySet } from './policy-types.ts';

/** Where a repository keeps its own policy files; read from the default branch (locally: the base) only. */
export const REPO_POLICY_DIR = '.sluice/policies';

const POLICY_FILE = /\.ya?ml$/;

/** A path under `.sluice/policies/` that is a policy file (`*.yaml`, `*.yml`). */
export function isRepoPolicyFile(path: string): boolean {
  return path.startsWith(`${REPO_POLICY_DIR}/`) && POLICY_FILE.test(path);
}

/** What policies read of a stored plan. */
export type PolicyPlan = Pick<Plan, 'project' | 'kind' | 'target' | 'facts' | 'appliedAt'>;

/**
 * The policy report of a set of plans, wherever they were made (a pull request, a local checkout): the
 * trusted policies (compiled from pack, server and repository texts: `PolicyBook`) evaluated on the facts of the unapplied plans,
 * judged with the recorded approvals. Changed files under `.sluice/policies/` are listed as applying after merge.
 */
export function reportPlanPolicies(input: {
  readonly policies: PolicySet;
  readonly plans: readonly PolicyPlan[];
  readonly approvals: readonly ItemApproval[];
  readonly changedFiles: readonly string[];
}): PolicyReport {
  const subjects = input.plans.filter((p) => p.appliedAt === undefined).map((p) => ({ name: p.project, kind: p.kind, target: p.target, facts: p.facts }));
  const evaluation = evaluatePolicies(input.policies, subjects);
  return judgePolicies(evaluation, input.approvals, input.changedFiles.filter(isRepoPolicyFile));
}
