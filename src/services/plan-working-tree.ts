import { detectProjects } from '../core/detect-projects.ts';
import type { Failure } from '../core/outcome.ts';
import type { WorkingTreePlan } from './working-tree-plan.ts';
import { planProjects } from './plan-projects.ts';
import { reportWorkingTreePolicies } from './report-policies.ts';
import type { EngineDeps } from './with-engine.ts';
import { selectNamedProjects, workingTreeExecution, type WorkingTreeContext } from './working-tree-context.ts';
import type { ServiceDeps } from './service-deps.ts';

export type PlanWorkingTreeOptions = {
  /** `--base`; default: the merge base with origin/HEAD, main or master. `none`: everything is new. */
  readonly base?: string;
  /** `-p`: plan exactly these (changed or not); default: the projects the changes touch. */
  readonly projects: readonly string[];
  readonly signal: AbortSignal;
  readonly progress: (message: string) => void;
};

/**
 * Plans the working tree against the base, the way a pull request is planned (the same per-project loop:
 * `planProjects`): the touched projects in `depends_on` order, each with its engine against its target, then
 * the policies on their facts. Nothing is kept but the returned value; the CLI writes it to the plan file.
 */
export async function planWorkingTree(
  deps: EngineDeps & Pick<ServiceDeps, 'joinPath'>,
  ctx: WorkingTreeContext,
  options: PlanWorkingTreeOptions,
): Promise<WorkingTreePlan | Failure> {
  const { tree } = ctx;
  const base = tree.resolveBase(options.base);
  if (!base.ok) return base;
  const selected = selectNamedProjects(ctx.projects, options.projects);
  if (!selected.ok) return selected;
  const changed = tree.changedFiles(base.value.sha);
  if (!changed.ok) return changed;
  const touched = options.projects.length > 0 ? selected.value : detectProjects(selected.value, changed.value);
  options.progress(`extracting the base ${base.value.ref} (${base.value.sha.slice(0, 7)})`);
  const baseDir = tree.materializeBase(base.value.sha, deps.clock.now());
  if (!baseDir.ok) return baseDir;
  const treeHash = tree.hash();
  if (!treeHash.ok) return treeHash;
  const { headSha, dirty } = tree.head();
  const run = workingTreeExecution(ctx, {
    checkout: { headDir: tree.root, baseDir: baseDir.value, headSha, baseSha: base.value.sha },
    signal: options.signal, progress: options.progress, joinPath: deps.joinPath,
  });
  const outcomes = await planProjects(deps, run, touched);
  options.progress('evaluating policies');
  const policy = reportWorkingTreePolicies(ctx, { baseSha: base.value.sha, outcomes, changedFiles: changed.value });
  return {
    version: 1, baseRef: base.value.ref, baseSha: base.value.sha, baseArg: options.base ?? null, headSha, dirty, treeHash: treeHash.value,
    configHash: ctx.configHash, createdAt: deps.clock.now().toISOString(), outcomes, policy,
  };
}
