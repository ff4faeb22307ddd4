import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type TargetConfig } from '../../src/engines/target-warehouse.ts';
import { openTargetWarehouse } from '../../src/main/open-target-warehouse.ts';
import type { Warehouse } from '../../src/ports/warehouse.ts';
import { FIXTURE } from '../integration/sql-engine/sql-engine-kit.ts';

/** The shop SQL project (test/fixtures/sql-engine/shop) as repository files under `shop/`, with its sluice.yaml. */
export function shopRepoFiles(): Record<string, string> {
  const files: Record<string, string> = { 'sluice.yaml': 'version: 1\nprojects:\n  - name: shop\n    kind: sql\n    dir: shop\n' };
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[join('shop', relative(FIXTURE, path))] = readFileSync(path, 'utf8');
    }
  };
  walk(FIXTURE);
  return files;
}

export const ORDERS_MODEL = 'shop/models/marts/orders.sql';

/** The shop's production: a DuckDB file in the data dir, applied to locally. */
export const SHOP_TARGET: TargetConfig = { type: 'duckdb', path: 'warehouse.duckdb', allow_local_apply: true, name: 'default' };

/** The shop's embedded DuckDB warehouse in `dataDir`, opened for `use` and closed after. */
export async function withShopWarehouse<T>(dataDir: string, use: (w: Warehouse) => Promise<T>): Promise<T> {
  const w = await openTargetWarehouse({ dataDir, env: {} })(SHOP_TARGET);
  try {
    return await use(w);
  } finally {
    await w.close();
  }
}
