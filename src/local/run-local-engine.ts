import { join } from 'node:path';
import type { Target } from '../config/schema.ts';
import { AppError, failure, isFailure, type Failure } from '../core/outcome.ts';
import type { Project } from '../core/project.ts';
import type { EngineRegistry } from '../ports/engine-registry.ts';
import type { EngineContext, ProjectEngine } from '../ports/project-engine.ts';
import type { LocalContext } from './load-local-context.ts';

/** The local stand-in for a pull request: plans and registries record it as `local/<repo dir>#0`. */
export function localPullRequest(root: string): EngineContext['pr'] {
  return { repo: `local/${root.split('/').filter(Boolean).pop() ?? 'repo'}`, number: 0 };
}

export type LocalRun = {
  readonly ctx: LocalContext;
  readonly engines: EngineRegistry;
  readonly baseDir: string;
  readonly signal: AbortSignal;
  readonly progress: (message: string) => void;
};

/** The engine context of a local run: the working tree as head, the extracted base, the local stand-in PR. */
export function localEngineContext(run: Omit<LocalRun, 'engines'>, project: Project, target: Target): EngineContext {
  return {
    project,
    target: { ...target, name: project.target },
    pr: localPullRequest(run.ctx.root),
    headDir: run.ctx.root,
    baseDir: run.baseDir,
    artifactDir: join(run.ctx.dataDir, 'artifacts', project.name),
    signal: run.signal,
    extraArgs: [],
    progress: (message) => run.progress(`${project.name}: ${message}`),
  };
}

/** A Failure for what an engine threw: its own Failure as is, anything else as a crash of that kind of engine. */
export function engineThrew(kind: string, cause: unknown): Failure {
  if (isFailure(cause)) return cause;
  const error = cause instanceof AppError ? cause : new AppError('engine_crash', `${kind} engine crashed`, { cause });
  return failure('engine_failed', `${error.message}: ${cause instanceof Error ? cause.message : String(cause)}`);
}

/** Runs `use` with the project's engine and target; a missing engine or target, or a crash, is a Failure. */
export async function runLocalEngine<T>(
  run: LocalRun,
  project: Project,
  use: (engine: ProjectEngine, ctx: EngineContext) => Promise<T | Failure>,
): Promise<T | Failure> {
  const engine = run.engines[project.kind];
  if (!engine) return failure('engine_failed', `no engine for project kind \`${project.kind}\` is installed in this build`);
  const target: Target | undefined = run.ctx.server.targets[project.target];
  if (!target) return failure('target_unknown', `target \`${project.target}\` is not defined in the server config`);
  try {
    return await use(engine, localEngineContext(run, project, target));
  } catch (cause) {
    return engineThrew(project.kind, cause);
  }
}
