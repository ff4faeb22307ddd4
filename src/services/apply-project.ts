import type { Command } from '../commands/command.ts';
import { isFailure, within } from '../core/outcome.ts';
import type { Plan } from '../core/plan.ts';
import type { Project } from '../core/project.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { PullRequest } from '../core/pull-request.ts';
import { artifactDir } from './plan-project.ts';
import type { PreparedPullRequest } from './prepare-pull-request.ts';
import { checkRunName } from '../render/describe-project.ts';
import { renderProjectCheckRun } from './publish-summary.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';
import { startCheckRun } from './track-check-run.ts';
import { withEngine } from './with-engine.ts';

/** Applies exactly the stored plan of one project, reporting on its own check run. */
export async function applyProject(
  deps: ServiceDeps,
  session: HostSession,
  input: { pr: PullRequest; actor: string; command: Command; signal: AbortSignal; prepared: PreparedPullRequest; project: Project; plan: Plan },
): Promise<ProjectOutcome> {
  const { pr, project, plan } = input;
  const now = () => deps.clock.now().getTime();
  const tracker = await startCheckRun(session.codeHost, { repo: pr.repo, name: checkRunName({ command: 'apply', project: project.name }), headSha: pr.headSha, externalId: `${pr.repo}#${pr.number}:apply:${project.name}`, now });
  tracker.begin(`applying ${project.name}`);
  const started = now();
  await deps.store.appendAudit({ at: deps.clock.now().toISOString(), pr, actor: input.actor, action: 'apply_started', detail: { project: project.name, plan: plan.id } });
  const result = await withEngine(deps, project, (engine, target) =>
    engine.apply(
      {
        project,
        target,
        pr,
        actor: input.actor,
        headDir: input.prepared.checkout.headDir,
        baseDir: input.prepared.checkout.baseDir,
        artifactDir: artifactDir(deps, pr, project),
        signal: input.signal,
        extraArgs: input.command.extraArgs,
        progress: (message) => tracker.progress(message),
      },
      plan,
    ),
  );
  const outcome: ProjectOutcome = isFailure(result)
    ? { project, status: 'apply-failed', plan, failure: within(`applying ${project.name}`, result) }
    : { project, status: 'applied', plan, applied: { ...result, durationMs: now() - started } };
  if (outcome.status === 'applied') await deps.store.markApplied(plan.id, deps.clock.now().toISOString());
  await deps.store.appendAudit({ at: deps.clock.now().toISOString(), pr, actor: input.actor, action: outcome.status === 'applied' ? 'apply_succeeded' : 'apply_failed', detail: { project: project.name, plan: plan.id } });
  await tracker.complete(renderProjectCheckRun(deps, pr, outcome, 'apply'));
  return outcome;
}
