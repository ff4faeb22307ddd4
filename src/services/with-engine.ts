import { AppError, failure, failureOf, type Failure } from '../core/outcome.ts';
import type { Project } from '../core/project.ts';
import type { ProjectEngine } from '../ports/project-engine.ts';
import type { Target } from '../config/schema.ts';
import type { ServiceDeps } from './service-deps.ts';

/** What running an engine needs: the engines, the targets, a log for crashes, the clock. */
export type EngineDeps = Pick<ServiceDeps, 'engines' | 'server' | 'log' | 'clock'>;

/**
 * Resolves the project's engine and target and runs `use`; an engine that throws becomes a Failure
 * (logged with its cause) so one broken project never takes the others down.
 */
export async function withEngine<T>(
  deps: EngineDeps,
  project: Project,
  use: (engine: ProjectEngine, target: Target & { name: string }) => Promise<T | Failure>,
): Promise<T | Failure> {
  const engine = deps.engines[project.kind];
  if (!engine) return failure('engine_missing', `no engine for project kind \`${project.kind}\` is installed on this server`);
  const target = deps.server.targets[project.target];
  if (!target) return failure('target_unknown', `target \`${project.target}\` is not defined in the server config`);
  try {
    return await use(engine, { ...target, name: project.target });
  } catch (cause) {
    return engineThrew(deps, project, cause);
  }
}

/** A Failure for what an engine threw: its own Failure as is, anything else a logged crash of that kind of engine. */
export function engineThrew(deps: Pick<EngineDeps, 'log'>, project: Project, cause: unknown): Failure {
  const failed = failureOf(cause);
  if (failed !== undefined) return failed;
  const error = cause instanceof AppError ? cause : new AppError('engine_crash', `${project.kind} engine crashed`, { cause });
  deps.log.error({ project: project.name, kind: project.kind, err: error, cause: String(cause) }, 'engine crashed');
  return failure('engine_failed', `${error.message}: ${cause instanceof Error ? cause.message : String(cause)}`);
}
