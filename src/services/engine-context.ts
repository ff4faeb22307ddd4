import type { Project } from '../core/project.ts';
import type { ExecutionContext, ProjectReport } from '../ports/execution-context.ts';
import type { EngineContext } from '../ports/project-engine.ts';

/** What an engine sees of one project's run: the run's checkout, PR, signal and arguments, progress to its report. */
export function engineContext(ctx: ExecutionContext, project: Project, target: EngineContext['target'], report: ProjectReport): EngineContext {
  return {
    project,
    target,
    pr: ctx.pr,
    ...(ctx.actor === undefined ? {} : { actor: ctx.actor }),
    headDir: ctx.checkout.headDir,
    baseDir: ctx.checkout.baseDir,
    artifactDir: ctx.artifactDir(project),
    signal: ctx.signal,
    extraArgs: ctx.extraArgs,
    progress: (message) => report.progress(message),
  };
}
