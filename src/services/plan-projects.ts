import { isFailure, within } from '../core/outcome.ts';
import { hasChanges, type Plan } from '../core/plan.ts';
import type { Project } from '../core/project.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { ExecutionContext, ProjectReport } from '../ports/execution-context.ts';
import { engineContext } from './engine-context.ts';
import { withEngine, type EngineDeps } from './with-engine.ts';

/**
 * The one per-project plan loop of the App and the CLI: every project's report opens first (queued check
 * runs on GitHub), then each in order is locked, planned by its engine, bound to the run's commits and
 * config, and kept. A failed project never stops the others; a cancelled run marks the rest cancelled.
 */
export async function planProjects(deps: EngineDeps, ctx: ExecutionContext, projects: readonly Project[]): Promise<ProjectOutcome[]> {
  const reports = await Promise.all(projects.map((project) => ctx.track(project, 'plan')));
  const outcomes: ProjectOutcome[] = [];
  for (const [i, project] of projects.entries()) {
    const report = reports[i]!;
    const outcome = ctx.signal.aborted ? { project, status: 'cancelled' as const } : await planOne(deps, ctx, project, report);
    await report.complete(outcome);
    outcomes.push(outcome);
  }
  return outcomes;
}

async function planOne(deps: EngineDeps, ctx: ExecutionContext, project: Project, report: ProjectReport): Promise<ProjectOutcome> {
  const attempt = await ctx.lock(project);
  if (!attempt.acquired) return { project, status: 'locked-elsewhere', heldBy: attempt.heldBy };
  report.begin(`planning ${project.name}`);
  const body = await withEngine(deps, project, (engine, target) => engine.plan(engineContext(ctx, project, target, report)));
  if (isFailure(body)) return { project, status: ctx.signal.aborted ? 'cancelled' : 'failed', failure: within(`planning ${project.name}`, body) };
  const now = deps.clock.now().toISOString();
  const plan: Plan = {
    ...body,
    id: `${ctx.pr.repo}#${ctx.pr.number}:${project.name}:${ctx.checkout.headSha.slice(0, 12)}:${now}`,
    pr: { repo: ctx.pr.repo, number: ctx.pr.number },
    project: project.name,
    target: project.target,
    baseSha: ctx.checkout.baseSha,
    headSha: ctx.checkout.headSha,
    configHash: ctx.configHash,
    createdAt: now,
  };
  await ctx.keep(plan);
  return { project, status: hasChanges(plan) ? 'planned' : 'no-changes', plan };
}
