import type { Clock } from '../ports/clock.ts';
import { detectProjects } from '../core/detect-projects.ts';
import { isFailure, within, type Failure } from '../core/outcome.ts';
import { hasChanges, type Plan } from '../core/plan.ts';
import type { Project } from '../core/project.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { EngineRegistry } from '../ports/engine-registry.ts';
import { hashWorkingTree } from './hash-working-tree.ts';
import { selectProjects, type LocalContext } from './load-local-context.ts';
import { changedFiles, materializeBase, resolveBase, workingTreeHead } from './local-git.ts';
import type { LocalPlan } from './local-plan-store.ts';
import { reportLocalPolicies } from './report-local-policies.ts';
import { localPullRequest, runLocalEngine, type LocalRun } from './run-local-engine.ts';

export type PlanLocallyOptions = {
  /** `--base`; default: the merge base with origin/HEAD, main or master. `none`: everything is new. */
  readonly base?: string;
  /** `-p`: plan exactly these (changed or not); default: the projects the changes touch. */
  readonly projects: readonly string[];
  readonly engines: EngineRegistry;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly progress: (message: string) => void;
};

/**
 * Plans the working tree against the base, the way a pull request is planned: the touched projects in
 * `depends_on` order, each with its engine against its target, then the policies on their facts (see
 * `reportLocalPolicies`). Nothing is stored; see `saveLocalPlan`.
 */
export async function planLocally(ctx: LocalContext, options: PlanLocallyOptions): Promise<LocalPlan | Failure> {
  const base = resolveBase(ctx.root, options.base);
  if (isFailure(base)) return base;
  const selected = selectProjects(ctx.projects, options.projects);
  if (isFailure(selected)) return selected;
  const changed = changedFiles(ctx.root, base.sha);
  if (isFailure(changed)) return changed;
  const touched = options.projects.length > 0 ? selected : detectProjects(selected, changed);
  options.progress(`extracting the base ${base.ref} (${base.sha.slice(0, 7)})`);
  const baseDir = materializeBase(ctx.root, ctx.dataDir, base.sha, { now: options.clock.now() });
  if (isFailure(baseDir)) return baseDir;
  const treeHash = hashWorkingTree(ctx.root);
  if (isFailure(treeHash)) return treeHash;
  const run: LocalRun = { ctx, engines: options.engines, baseDir, signal: options.signal, progress: options.progress };
  const { headSha, dirty } = workingTreeHead(ctx.root);
  const outcomes: ProjectOutcome[] = [];
  for (const project of touched) outcomes.push(await planOne(run, project, { headSha, baseSha: base.sha, clock: options.clock }));
  options.progress('evaluating policies');
  const policy = reportLocalPolicies(ctx, { baseSha: base.sha, outcomes, changedFiles: changed });
  return { version: 1, baseRef: base.ref, baseSha: base.sha, baseArg: options.base ?? null, headSha, dirty, treeHash, configHash: ctx.configHash, createdAt: options.clock.now().toISOString(), outcomes, policy };
}

async function planOne(run: LocalRun, project: Project, at: { headSha: string; baseSha: string; clock: Clock }): Promise<ProjectOutcome> {
  run.progress(`${project.name}: planning`);
  const body = await runLocalEngine(run, project, (engine, engineCtx) => engine.plan(engineCtx));
  if (isFailure(body)) return { project, status: 'failed', failure: within(`planning ${project.name}`, body) };
  const now = at.clock.now().toISOString();
  const plan: Plan = {
    ...body,
    id: `local:${project.name}:${at.headSha.slice(0, 12)}:${now}`,
    pr: localPullRequest(run.ctx.root),
    project: project.name,
    kind: project.kind,
    target: project.target,
    baseSha: at.baseSha,
    headSha: at.headSha,
    configHash: run.ctx.configHash,
    createdAt: now,
  };
  return { project, status: hasChanges(plan) ? 'planned' : 'no-changes', plan };
}
