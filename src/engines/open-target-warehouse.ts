import { isAbsolute, join } from 'node:path';
import { openDuckDbWarehouse } from '../adapters/warehouse/open-duckdb-warehouse.ts';
import { openPostgresWarehouse } from '../adapters/warehouse/open-postgres-warehouse.ts';
import { failure, type Failure } from '../core/outcome.ts';
import type { PullRequestRef } from '../core/pull-request.ts';
import type { EngineContext } from '../ports/project-engine.ts';
import type { PullRequestWarehouse, Warehouse } from '../ports/warehouse.ts';

export type TargetConfig = EngineContext['target'];

/** Opens the warehouse a target names; throws a `target_unknown` Failure for a target that is not a warehouse. */
export type OpenWarehouse = (target: TargetConfig) => Promise<Warehouse>;

/**
 * The warehouse factory from server config: a DuckDB file relative to the data dir (unless absolute), or
 * PostgreSQL at the URL in the environment variable the target names (`url_env`).
 */
export function openTargetWarehouse(options: { dataDir: string; env: NodeJS.ProcessEnv }): OpenWarehouse {
  return async (target) => {
    if (target.type === 'duckdb') {
      return openDuckDbWarehouse({ path: isAbsolute(target.path) ? target.path : join(options.dataDir, target.path) });
    }
    if (target.type === 'postgres') {
      const url = options.env[target.url_env];
      if (url === undefined || url === '') {
        throw failure('target_unknown', `target \`${target.name}\` reads its URL from $${target.url_env}, which is not set`);
      }
      return openPostgresWarehouse({ connectionString: url });
    }
    throw failure('target_unknown', `target \`${target.name}\` is a ${target.type} target; sql and pipeline projects deploy to a warehouse (duckdb or postgres)`);
  };
}

/** The export folder a target names (`export_dir`, relative to the data dir unless absolute), if any. */
export function targetExportDir(target: TargetConfig, dataDir: string): string | undefined {
  const dir = 'export_dir' in target ? target.export_dir : undefined;
  if (dir === undefined) return undefined;
  return isAbsolute(dir) ? dir : join(dataDir, dir);
}

/** Opens the target's warehouse for one use and always closes it afterwards. */
export async function withTargetWarehouse<T>(open: OpenWarehouse, target: TargetConfig, use: (warehouse: Warehouse) => Promise<T>): Promise<T> {
  const warehouse = await open(target);
  try {
    return await use(warehouse);
  } finally {
    await warehouse.close();
  }
}

/**
 * Runs `use` on the pull request's session of `warehouse` (where PR SQL runs: docs/warehouse-role.md) and
 * always closes it; the `target_unsafe` Failure when the warehouse refuses to open one.
 */
export async function withPullRequestSession<T>(warehouse: Warehouse, pr: PullRequestRef, use: (session: PullRequestWarehouse) => Promise<T>): Promise<T | Failure> {
  const opened = await warehouse.openPullRequestSession(pr);
  if (!opened.ok) return opened;
  try {
    return await use(opened.value);
  } finally {
    await opened.value.close();
  }
}
