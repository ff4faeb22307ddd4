import { isAbsolute, join } from 'node:path';
import type { Failure } from '../core/outcome.ts';
import type { PullRequestRef } from '../core/pull-request.ts';
import type { EngineContext } from '../ports/project-engine.ts';
import type { PullRequestWarehouse, Warehouse } from '../ports/warehouse.ts';

export type TargetConfig = EngineContext['target'];

/** Opens the warehouse a target names (composed in main/open-target-warehouse.ts); throws a `target_unknown` Failure for a target that is not a warehouse. */
export type OpenWarehouse = (target: TargetConfig) => Promise<Warehouse>;

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
