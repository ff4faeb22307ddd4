import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { PolicyReport } from '../policy/judge-policies.ts';
import type { ProjectView, SummaryView } from '../render/summary-view.ts';
import { policyRequirement, policyView, withPolicyCells } from '../services/policy-summary-view.ts';

/**
 * The PR summary's view of a local plan or apply: the same projects, no locks, no review requirements. With a
 * policy report, the policy cells, the Policies section and the policy requirement, as the PR summary has them.
 */
export function localSummaryView(input: { headSha: string; outcomes: readonly ProjectOutcome[]; commandName: string; now: string; policy?: PolicyReport }): SummaryView {
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

function projectView(o: ProjectOutcome): ProjectView {
  return {
    name: o.project.name,
    kind: o.project.kind,
    target: o.project.target,
    status: o.status,
    ...(o.plan === undefined ? {} : { plan: o.plan }),
    ...(o.failure === undefined ? {} : { failure: o.failure }),
    ...(o.applied === undefined ? {} : { apply: o.applied }),
  };
}
