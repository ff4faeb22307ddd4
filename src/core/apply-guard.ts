import type { Lock } from './lock.ts';
import type { Plan, PlanBinding } from './plan.ts';
import type { Project, RequirementName } from './project.ts';

/** Why apply may not run yet, for one project (or the whole PR when `project` is absent). */
export type UnmetRequirement = {
  readonly project?: string;
  readonly requirement: RequirementName | 'plan_missing' | 'plan_stale' | 'plan_failed' | 'lock' | 'policy';
  /** What is missing, in words. */
  readonly detail: string;
  /** Who or what can satisfy it (a team, "any reviewer other than the author", a command). */
  readonly who?: string;
};

export type ApprovalFacts = {
  /** Logins whose latest review approves the current head, author excluded. */
  readonly approvers: readonly string[];
  /** Teams (`org/team`) one of whose members must approve; empty means anyone but the author. */
  readonly requiredTeams: readonly string[];
  /** Approvers who are members of a required team (resolved by the caller through the code host). */
  readonly teamApprovers: readonly string[];
};

export type GuardInput = {
  /** The projects asked to apply, in apply order. */
  readonly projects: readonly Project[];
  readonly plans: readonly Plan[];
  readonly current: PlanBinding;
  readonly prNumber: number;
  readonly locks: ReadonlyMap<string, Lock | undefined>;
  readonly approvals: ApprovalFacts;
  readonly mergeableIgnoringSluice: boolean;
  readonly undiverged: boolean;
  /** Projects whose policies deny or lack approvals, with the reason. */
  readonly policyBlocks: ReadonlyMap<string, string>;
};

export type GuardVerdict =
  | { readonly allowed: true; readonly plans: readonly Plan[] }
  | { readonly allowed: false; readonly unmet: readonly UnmetRequirement[] };

/**
 * The apply guard: pure, total, and the only place that decides whether `apply` may run.
 * Every unmet requirement is listed (not only the first), so one reply tells the user everything.
 */
export function checkApplyGuard(input: GuardInput): GuardVerdict {
  const unmet: UnmetRequirement[] = [];
  const plans: Plan[] = [];
  for (const project of input.projects) {
    const plan = input.plans.find((p) => p.project === project.name);
    const planProblem = checkPlan(project, plan, input);
    if (planProblem) {
      unmet.push(planProblem);
      continue;
    }
    unmet.push(...checkProjectRequirements(project, input));
    if (plan) plans.push(plan);
  }
  if (input.projects.length === 0) {
    unmet.push({ requirement: 'plan_missing', detail: 'there is no plan to apply in this pull request' });
  }
  return unmet.length === 0 ? { allowed: true, plans } : { allowed: false, unmet: dedupe(unmet) };
}

function checkPlan(project: Project, plan: Plan | undefined, input: GuardInput): UnmetRequirement | undefined {
  if (!plan) return { project: project.name, requirement: 'plan_missing', detail: 'no plan for this project', who: 'plan' };
  if (plan.headSha !== input.current.headSha) {
    return { project: project.name, requirement: 'plan_stale', detail: `the plan is for ${short(plan.headSha)}, but the head is now ${short(input.current.headSha)}`, who: 'plan' };
  }
  if (plan.baseSha !== input.current.baseSha) {
    return { project: project.name, requirement: 'plan_stale', detail: `the base branch moved since the plan (${short(plan.baseSha)} → ${short(input.current.baseSha)})`, who: 'plan' };
  }
  if (plan.configHash !== input.current.configHash) {
    return { project: project.name, requirement: 'plan_stale', detail: 'the configuration changed since the plan', who: 'plan' };
  }
  const lock = input.locks.get(project.name);
  if (!lock || lock.pr !== input.prNumber) {
    const holder = lock ? `#${lock.pr}` : 'nobody';
    return { project: project.name, requirement: 'lock', detail: `this pull request does not hold the lock (held by ${holder})`, who: 'plan' };
  }
  return undefined;
}

function checkProjectRequirements(project: Project, input: GuardInput): UnmetRequirement[] {
  const unmet: UnmetRequirement[] = [];
  const wants = new Set(project.applyRequirements);
  if (wants.has('approved')) {
    const problem = checkApproval(input.approvals);
    if (problem) unmet.push({ requirement: 'approved', ...problem });
  }
  if (wants.has('mergeable') && !input.mergeableIgnoringSluice) {
    unmet.push({ requirement: 'mergeable', detail: 'the pull request is not mergeable (conflicts, failing required checks or missing reviews)' });
  }
  if (wants.has('undiverged') && !input.undiverged) {
    unmet.push({ requirement: 'undiverged', detail: 'the base branch has commits this pull request does not have', who: 'merge or rebase the base branch into it' });
  }
  const policy = input.policyBlocks.get(project.name);
  if (policy !== undefined) unmet.push({ project: project.name, requirement: 'policy', detail: policy });
  return unmet;
}

function checkApproval(a: ApprovalFacts): { detail: string; who: string } | undefined {
  if (a.requiredTeams.length === 0) {
    return a.approvers.length > 0 ? undefined : { detail: 'no approval at the current head', who: 'any reviewer other than the author' };
  }
  if (a.teamApprovers.length > 0) return undefined;
  return { detail: 'no approval at the current head from a required team', who: a.requiredTeams.map((t) => `@${t}`).join(' or ') };
}

function dedupe(list: UnmetRequirement[]): UnmetRequirement[] {
  const seen = new Set<string>();
  return list.filter((u) => {
    const key = `${u.project ?? ''}|${u.requirement}|${u.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function short(sha: string): string {
  return sha.slice(0, 7);
}
