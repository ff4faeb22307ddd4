import { isAbsolute, join, resolve } from 'node:path';
import { ensureDataDir, findRepoRoot, localWorkingTree } from '../adapters/git/local-working-tree.ts';
import { localPlanFile } from '../adapters/store/local-plan-file.ts';
import { hashConfig } from '../config/config-hash.ts';
import { loadServerConfig, ServerConfigError } from '../config/load-server-config.ts';
import type { ServerConfig } from '../config/schema.ts';
import { failure, type Result } from '../core/outcome.ts';
import { createPolicyBook } from '../policy/policy-book.ts';
import { readServerPolicies } from '../policy/read-server-policies.ts';
import type { Clock } from '../ports/clock.ts';
import type { EngineRegistry } from '../ports/engine-registry.ts';
import type { WorkingTree } from '../ports/working-tree.ts';
import { silentLogger } from '../ports/logger.ts';
import type { EngineDeps } from '../services/with-engine.ts';
import { resolveWorkingTree, type WorkingTreeContext } from '../services/working-tree-context.ts';
import { openTargetWarehouse } from './open-target-warehouse.ts';
import type { OpenWarehouse } from '../engines/target-warehouse.ts';

/**
 * The local commands' composition: the git checkout containing `cwd` as a working tree, the server config
 * (SLUICE_CONFIG, else defaults: the embedded DuckDB in `<repo>/.sluice/`), the data dir (made to ignore
 * itself in git) and the projects of the working tree's `sluice.yaml` in `depends_on` order.
 */
export function openWorkingTree(cwd: string, env: NodeJS.ProcessEnv): Result<WorkingTreeContext> {
  const root = findRepoRoot(cwd);
  if (!root.ok) return root;
  let server: ServerConfig;
  try {
    server = loadServerConfig(env);
  } catch (err) {
    if (err instanceof ServerConfigError) return failure('config_invalid', err.message, { problems: err.problems });
    throw err;
  }
  const dataDir = isAbsolute(server.data_dir) ? server.data_dir : resolve(root.value, server.data_dir);
  ensureDataDir(dataDir);
  const policies = createPolicyBook(readServerPolicies(server.policy_paths));
  return resolveWorkingTree({ tree: localWorkingTree(root.value, dataDir), server, policies, planFile: localPlanFile(dataDir), dataDir }, { hashConfig });
}

/** What the shared services need for a local run: the engines over the working tree's targets, the clock. */
export function workingTreeRunDeps(
  ctx: WorkingTreeContext,
  wiring: { engines: EngineRegistry; clock: Clock; env: NodeJS.ProcessEnv },
): EngineDeps & { joinPath: typeof join; openWarehouse: OpenWarehouse } {
  return {
    engines: wiring.engines, server: ctx.server, clock: wiring.clock, log: silentLogger, joinPath: join,
    openWarehouse: openTargetWarehouse({ dataDir: ctx.dataDir, env: wiring.env }),
  };
}

/** The files of a folder as `sluice validate` reads them (no git needed). */
export function folderFiles(dir: string): Pick<WorkingTree, 'listFiles'> {
  return localWorkingTree(dir, join(dir, '.sluice'));
}
