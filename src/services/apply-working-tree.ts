import type { ServerConfig } from '../config/schema.ts';
import { failure, type Failure } from '../core/outcome.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { WorkingTreePlan } from './working-tree-plan.ts';
import type { PolicyReport } from '../policy/judge-policies.ts';
import { REPO_POLICY_DIR } from '../policy/report-plan-policies.ts';
import { applyProjects } from './apply-projects.ts';
import { localPolicyBlocks, reportWorkingTreePolicies } from './report-policies.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { EngineDeps } from './with-engine.ts';
import { workingTreeExecution, type WorkingTreeContext } from './working-tree-context.ts';

export type ApplyWorkingTreeOptions = {
  readonly projects: readonly string[];
  readonly signal: AbortSignal;
  readonly progress: (message: string) => void;
};

/** What `sluice apply` did, and the policy report it was allowed by (warnings and would-be approvals stay in it). */
export type WorkingTreeApply = { readonly plan: WorkingTreePlan; readonly outcomes: ProjectOutcome[]; readonly policy: PolicyReport };

/**
 * Applies the stored local plan, exactly as planned, through the same apply loop as a pull request
 * (`applyProjects`: in order, stopping at the first project that does not apply). Targets that refuse local
 * applies are refused with a clear message. Refuses the whole plan when the working tree, the base or the
 * config moved, or when a policy denies it or fails to evaluate. Returns the plan with what was applied marked.
 */
export async function applyWorkingTree(
  deps: EngineDeps & Pick<ServiceDeps, 'joinPath'>,
  ctx: WorkingTreeContext,
  stored: WorkingTreePlan,
  options: ApplyWorkingTreeOptions,
): Promise<WorkingTreeApply | Failure> {
  const stale = staleness(ctx, stored);
  if (stale !== undefined) return failure('plan_stale', `applying: the plan is stale: ${stale}`, { hint: 'Run `sluice plan` again, review it, then `sluice apply`.' });
  const unknown = options.projects.filter((n) => !stored.outcomes.some((o) => o.project.name === n));
  if (unknown.length > 0) return failure('project_unknown', `applying: the plan has no project ${unknown.join(', ')}`, { hint: `Planned: ${stored.outcomes.map((o) => o.project.name).join(', ') || 'none'}.` });
  const baseDir = ctx.tree.materializeBase(stored.baseSha, deps.clock.now());
  if (!baseDir.ok) return baseDir;
  const policy = judgePolicies(ctx, stored, options.projects);
  if (!policy.ok) return policy;
  const run = workingTreeExecution(ctx, {
    checkout: { headDir: ctx.tree.root, baseDir: baseDir.value, headSha: stored.headSha, baseSha: stored.baseSha },
    signal: options.signal, progress: options.progress, joinPath: deps.joinPath,
  });
  const planned = stored.outcomes
    .filter((o) => options.projects.length === 0 || options.projects.includes(o.project.name))
    .flatMap((o) => (o.status === 'planned' && o.plan !== undefined ? [{ project: o.project, plan: o.plan }] : []));
  const outcomes = await applyProjects(deps, run, planned);
  const appliedAt = deps.clock.now().toISOString();
  const updated: WorkingTreePlan = { ...stored, outcomes: stored.outcomes.map((o) => markApplied(o, outcomes, appliedAt)) };
  return { plan: updated, outcomes, policy: policy.value };
}

/**
 * The policies judged again on the stored plans, as the pull request's apply does; a deny or a policy error
 * (fail closed) refuses the whole apply before anything runs. Projects whose target refuses local applies are
 * left out: they are refused anyway, and their policies are judged on the pull request.
 */
function judgePolicies(ctx: WorkingTreeContext, stored: WorkingTreePlan, named: readonly string[]): { ok: true; value: PolicyReport } | Failure {
  const changed = ctx.tree.changedFiles(stored.baseSha);
  const report = reportWorkingTreePolicies(ctx, { baseSha: stored.baseSha, outcomes: stored.outcomes, changedFiles: changed.ok ? changed.value : [] });
  const blocks = localPolicyBlocks(report, localApplyCandidates(ctx.server, stored.outcomes, named));
  if (blocks.size === 0) return { ok: true, value: report };
  const problems = [...blocks].flatMap(([project, reasons]) => reasons.map((reason) => ({ message: `${project}: ${reason}` })));
  return failure('requirements_unmet', `applying: policies refuse ${[...blocks.keys()].join(', ')} (a deny, or a policy that fails to evaluate); nothing was applied`, {
    problems,
    hint: 'Fix what the policies deny, then run `sluice plan` again. A broken policy file blocks until it is fixed where it is read from: '
      + `the server's policy_paths, or \`${REPO_POLICY_DIR}/\` at the base ${stored.baseRef} (a working-tree edit there applies after merge).`,
  });
}

/** The planned projects (all, or those named by -p) that `sluice apply` would run: their target allows local applies. */
export function localApplyCandidates(server: ServerConfig, outcomes: readonly ProjectOutcome[], named: readonly string[]): string[] {
  return outcomes
    .filter((o) => o.status === 'planned' && o.plan !== undefined && (named.length === 0 || named.includes(o.project.name)))
    .filter((o) => server.targets[o.project.target]?.allow_local_apply ?? true)
    .map((o) => o.project.name);
}

function staleness(ctx: WorkingTreeContext, stored: WorkingTreePlan): string | undefined {
  if (stored.configHash !== ctx.configHash) return 'sluice.yaml or the server config changed since it was made';
  const base = ctx.tree.resolveBase(stored.baseArg ?? undefined);
  if (!base.ok || base.value.sha !== stored.baseSha) return `the base ${stored.baseRef} moved since it was made (${stored.baseSha.slice(0, 7)} → ${base.ok ? base.value.sha.slice(0, 7) : 'gone'})`;
  const tree = ctx.tree.hash();
  if (!tree.ok || tree.value !== stored.treeHash) return 'the working tree changed since it was made';
  return undefined;
}

function markApplied(stored: ProjectOutcome, applied: readonly ProjectOutcome[], at: string): ProjectOutcome {
  const done = applied.find((o) => o.project.name === stored.project.name && o.status === 'applied');
  if (done === undefined || stored.plan === undefined) return stored;
  return { ...stored, status: 'applied', plan: { ...stored.plan, appliedAt: at }, ...(done.applied === undefined ? {} : { applied: done.applied }) };
}
