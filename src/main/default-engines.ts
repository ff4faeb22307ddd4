import type { EngineRegistry } from '../ports/engine-registry.ts';

/**
 * The engines this build ships. The project kinds (sql, pipeline, terraform, cdktf) plug in here as they
 * land; a project whose kind has no engine is reported on the PR as such, and nothing is applied.
 */
export function defaultEngines(): EngineRegistry {
  return {};
}
