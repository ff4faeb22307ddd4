import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules', '.sluice', 'target', 'dist']);

/**
 * The models of the repo's SQL projects, by dotted name. For now a model exists when a file
 * `models/**\/<path>.sql` exists anywhere in the checkout, named as the SQL engine names it (docs/sql-models.md):
 * the first folder is the schema, the rest joins with `_` — `models/marts/orders.sql` ↔ `marts.orders`,
 * `models/marts/finance/revenue.sql` ↔ `marts.finance_revenue`. This is the one place that knows the
 * mapping; it moves to the SQL engine's model list once that lands.
 */
export function listRepoModels(repoDir: string): ReadonlySet<string> {
  const models = new Set<string>();
  const walk = (dir: string, modelPath: readonly string[] | undefined): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name)) continue;
        const inside = modelPath === undefined ? (entry.name === 'models' ? [] : undefined) : [...modelPath, entry.name];
        walk(join(dir, entry.name), inside);
      } else if (modelPath !== undefined && modelPath.length > 0 && entry.name.endsWith('.sql')) {
        const [schema = '', ...rest] = [...modelPath, entry.name.slice(0, -'.sql'.length)];
        models.add(`${schema}.${rest.join('_')}`);
      }
    }
  };
  walk(repoDir, undefined);
  return models;
}

/** `marts.orders` → `models/marts/orders.sql`, for messages. */
export function modelFileFor(name: string): string {
  const dot = name.indexOf('.');
  return `models/${name.slice(0, dot)}/${name.slice(dot + 1)}.sql`;
}
