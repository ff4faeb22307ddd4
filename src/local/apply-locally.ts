import type { ServerConfig } from '../config/schema.ts';
import { failure, isFailure, within, type Failure } from '../core/outcome.ts';
import type { Plan } from '../core/plan.ts';
import type { PolicyReport } from '../policy/judge-policies.ts';
import { REPO_POLICY_DIR } from '../policy/report-plan-policies.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { Clock } from '../ports/clock.ts';
import type { EngineRegistry } from '../ports/engine-registry.ts';
import { hashWorkingTree } from './hash-working-tree.ts';
import type { LocalContext } from './load-local-context.ts';
import { changedFiles, materializeBase, resolveBase } from './local-git.ts';
import { loadLocalPlan, saveLocalPlan, type LocalPlan } from './local-plan-store.ts';
import { localPolicyBlocks, reportLocalPolicies } from './report-local-policies.ts';
import { runLocalEngine, type LocalRun } from './run-local-engine.ts';

export type ApplyLocallyOptions = {
  readonly projects: readonly string[];
  readonly engines: EngineRegistry;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly progress: (message: string) => void;
};

/** What `sluice apply` did, and the policy report it was allowed by (warnings and would-be approvals stay in it). */
export type LocalApply = { readonly plan: LocalPlan; readonly outcomes: ProjectOutcome[]; readonly policy: PolicyReport };

/**
 * Applies the stored local plan, exactly as planned, to targets that allow local applies; other targets are
 * refused with a clear message. Refuses the whole plan when the working tree, the base or the config moved,
 * or when a policy denies it or fails to evaluate.
 */
export async function applyLocally(ctx: LocalContext, options: ApplyLocallyOptions): Promise<LocalApply | Failure> {
  const stored = loadLocalPlan(ctx.dataDir);
  if (isFailure(stored)) return stored;
  const stale = staleness(ctx, stored);
  if (stale !== undefined) return failure('plan_stale', `applying: the plan is stale: ${stale}`, { hint: 'Run `sluice plan` again, review it, then `sluice apply`.' });
  const unknown = options.projects.filter((n) => !stored.outcomes.some((o) => o.project.name === n));
  if (unknown.length > 0) return failure('project_unknown', `applying: the plan has no project ${unknown.join(', ')}`, { hint: `Planned: ${stored.outcomes.map((o) => o.project.name).join(', ') || 'none'}.` });
  const baseDir = materializeBase(ctx.root, ctx.dataDir, stored.baseSha, { now: options.clock.now() });
  if (isFailure(baseDir)) return baseDir;
  const policy = judgePolicies(ctx, stored, options.projects);
  if (isFailure(policy)) return policy;
  const run: LocalRun = { ctx, engines: options.engines, baseDir, signal: options.signal, progress: options.progress };
  const outcomes: ProjectOutcome[] = [];
  for (const outcome of stored.outcomes) {
    if (options.projects.length > 0 && !options.projects.includes(outcome.project.name)) continue;
    if (outcome.status !== 'planned' || outcome.plan === undefined) continue;
    const blockedBy = outcome.project.dependsOn.filter((d) => outcomes.some((o) => o.project.name === d && o.status === 'apply-failed'));
    outcomes.push(blockedBy.length > 0 ? skipped(outcome, blockedBy) : await applyOne(run, outcome, outcome.plan));
  }
  const appliedAt = options.clock.now().toISOString();
  const updated: LocalPlan = { ...stored, outcomes: stored.outcomes.map((o) => markApplied(o, outcomes, appliedAt)) };
  saveLocalPlan(ctx.dataDir, updated);
  return { plan: updated, outcomes, policy };
}

/**
 * The policies judged again on the stored plans, as the pull request's apply does; a deny or a policy error
 * (fail closed) refuses the whole apply before anything runs. Projects whose target refuses local applies are
 * left out: they are refused anyway, and their policies are judged on the pull request.
 */
function judgePolicies(ctx: LocalContext, stored: LocalPlan, named: readonly string[]): PolicyReport | Failure {
  const changed = changedFiles(ctx.root, stored.baseSha);
  const report = reportLocalPolicies(ctx, { baseSha: stored.baseSha, outcomes: stored.outcomes, changedFiles: isFailure(changed) ? [] : changed });
  const blocks = localPolicyBlocks(report, localApplyCandidates(ctx.server, stored.outcomes, named));
  if (blocks.size === 0) return report;
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

function staleness(ctx: LocalContext, stored: LocalPlan): string | undefined {
  if (stored.configHash !== ctx.configHash) return 'sluice.yaml or the server config changed since it was made';
  const base = resolveBase(ctx.root, stored.baseArg ?? undefined);
  if (isFailure(base) || base.sha !== stored.baseSha) return `the base ${stored.baseRef} moved since it was made (${stored.baseSha.slice(0, 7)} → ${isFailure(base) ? 'gone' : base.sha.slice(0, 7)})`;
  const tree = hashWorkingTree(ctx.root);
  if (isFailure(tree) || tree !== stored.treeHash) return 'the working tree changed since it was made';
  return undefined;
}

async function applyOne(run: LocalRun, outcome: ProjectOutcome, plan: Plan): Promise<ProjectOutcome> {
  const { project } = outcome;
  const target = run.ctx.server.targets[project.target];
  if (target !== undefined && !target.allow_local_apply) {
    const refused = failure('not_authorized', `applying ${project.name}: target \`${project.target}\` does not allow local applies (allow_local_apply: false)`, {
      hint: 'Apply it through a pull request: open one and comment `sluice apply` once it is approved.',
    });
    return { project, status: 'apply-failed', plan, failure: refused };
  }
  run.progress(`${project.name}: applying`);
  const started = performance.now();
  const result = await runLocalEngine(run, project, (engine, engineCtx) => engine.apply(engineCtx, plan));
  if (isFailure(result)) return { project, status: 'apply-failed', plan, failure: within(`applying ${project.name}`, result) };
  return { project, status: 'applied', plan, applied: { ...result, durationMs: Math.round(performance.now() - started) } };
}

function skipped(outcome: ProjectOutcome, blockedBy: readonly string[]): ProjectOutcome {
  const reason = failure('apply_failed', `applying ${outcome.project.name}: skipped, because ${blockedBy.join(', ')} (depends_on) did not apply`);
  return { ...outcome, status: 'apply-failed', failure: reason };
}

function markApplied(stored: ProjectOutcome, applied: readonly ProjectOutcome[], at: string): ProjectOutcome {
  const done = applied.find((o) => o.project.name === stored.project.name && o.status === 'applied');
  if (done === undefined || stored.plan === undefined) return stored;
  return { ...stored, status: 'applied', plan: { ...stored.plan, appliedAt: at }, ...(done.applied === undefined ? {} : { applied: done.applied }) };
}
