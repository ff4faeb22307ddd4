import { isFailure, within } from '../core/outcome.ts';
import type { Plan } from '../core/plan.ts';
import type { Project } from '../core/project.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { ExecutionContext } from '../ports/execution-context.ts';
import { engineContext } from './engine-context.ts';
import { withEngine, type EngineDeps } from './with-engine.ts';

export type PlannedProject = { readonly project: Project; readonly plan: Plan };

/**
 * The one apply loop of the App and the CLI: exactly the stored plans, in the given (`depends_on`) order,
 * each on its own report. The first project that does not apply stops the run: the rest are `cancelled`
 * (not applied), so production is never left with a dependent applied over a failed dependency.
 */
export async function applyProjects(deps: EngineDeps, ctx: ExecutionContext, planned: readonly PlannedProject[]): Promise<ProjectOutcome[]> {
  const outcomes: ProjectOutcome[] = [];
  for (const { project, plan } of planned) {
    const stopped = outcomes.some((o) => o.status !== 'applied');
    outcomes.push(stopped || ctx.signal.aborted ? { project, status: 'cancelled', plan } : await applyOne(deps, ctx, project, plan));
  }
  return outcomes;
}

async function applyOne(deps: EngineDeps, ctx: ExecutionContext, project: Project, plan: Plan): Promise<ProjectOutcome> {
  const refused = ctx.refusal(project);
  if (refused !== undefined) return { project, status: 'apply-failed', plan, failure: within(`applying ${project.name}`, refused) };
  const report = await ctx.track(project, 'apply');
  report.begin(`applying ${project.name}`);
  const started = deps.clock.now().getTime();
  await ctx.audit('apply_started', { project: project.name, plan: plan.id });
  const result = await withEngine(deps, project, (engine, target) => engine.apply(engineContext(ctx, project, target, report), plan));
  const outcome: ProjectOutcome = isFailure(result)
    ? { project, status: 'apply-failed', plan, failure: within(`applying ${project.name}`, result) }
    : { project, status: 'applied', plan, applied: { ...result, durationMs: deps.clock.now().getTime() - started } };
  if (outcome.status === 'applied') await ctx.markApplied(plan, deps.clock.now().toISOString());
  await ctx.audit(outcome.status === 'applied' ? 'apply_succeeded' : 'apply_failed', { project: project.name, plan: plan.id });
  await report.complete(outcome);
  return outcome;
}
