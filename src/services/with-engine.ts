import { AppError, failure, isFailure, type Failure } from '../core/outcome.ts';
import type { Project } from '../core/project.ts';
import type { ProjectEngine } from '../ports/project-engine.ts';
import type { Target } from '../config/schema.ts';
import type { ServiceDeps } from './service-deps.ts';

/**
 * Resolves the project's engine and target and runs `use`; an engine that throws becomes a Failure
 * (logged with its cause) so one broken project never takes the others down.
 */
export async function withEngine<T>(
  deps: ServiceDeps,
  project: Project,
  use: (engine: ProjectEngine, target: Target & { name: string }) => Promise<T | Failure>,
): Promise<T | Failure> {
  const engine = deps.engines[project.kind];
  if (!engine) return failure('engine_failed', `no engine for project kind \`${project.kind}\` is installed on this server`);
  const target = deps.server.targets[project.target];
  if (!target) return failure('target_unknown', `target \`${project.target}\` is not defined in the server config`);
  try {
    const result = await use(engine, { ...target, name: project.target });
    return result;
  } catch (cause) {
    if (isFailure(cause)) return cause;
    const error = cause instanceof AppError ? cause : new AppError('engine_crash', `${project.kind} engine crashed`, { cause });
    deps.log.error({ project: project.name, kind: project.kind, err: error, cause: String(cause) }, 'engine crashed');
    return failure('engine_failed', `${error.message}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
