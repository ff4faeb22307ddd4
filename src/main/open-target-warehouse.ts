import { isAbsolute, join } from 'node:path';
import { openDuckDbWarehouse } from '../adapters/warehouse/open-duckdb-warehouse.ts';
import { openPostgresWarehouse } from '../adapters/warehouse/open-postgres-warehouse.ts';
import type { Target } from '../config/schema.ts';
import { failure, raise } from '../core/outcome.ts';
import type { OpenWarehouse, TargetConfig } from '../engines/target-warehouse.ts';
import type { Warehouse } from '../ports/warehouse.ts';

type Opener<T extends Target['type']> = (target: Extract<TargetConfig, { type: T }>, options: { dataDir: string; env: NodeJS.ProcessEnv }) => Promise<Warehouse>;

/**
 * How each target type opens its warehouse; a target type added to the server config without an entry here
 * does not compile. A Terraform target is not a warehouse.
 */
const OPENERS: { readonly [T in Target['type']]: Opener<T> } = {
  duckdb: (target, options) => openDuckDbWarehouse({ path: isAbsolute(target.path) ? target.path : join(options.dataDir, target.path) }),
  postgres: (target, options) => {
    const url = options.env[target.url_env];
    if (url === undefined || url === '') {
      raise(failure('target_unknown', `target \`${target.name}\` reads its URL from $${target.url_env}, which is not set`));
    }
    return openPostgresWarehouse({ connectionString: url });
  },
  terraform: async (target) => {
    raise(failure('target_unknown', `target \`${target.name}\` is a ${target.type} target; sql and pipeline projects deploy to a warehouse (duckdb or postgres)`));
  },
};

/**
 * The warehouse factory from server config: a DuckDB file relative to the data dir (unless absolute), or
 * PostgreSQL at the URL in the environment variable the target names (`url_env`). Composed here, in main/,
 * and handed to the engines and services that open warehouses.
 */
export function openTargetWarehouse(options: { dataDir: string; env: NodeJS.ProcessEnv }): OpenWarehouse {
  // TypeScript cannot correlate `target.type` with the entry it selects; each entry is typed for its own type above.
  return (target) => (OPENERS[target.type] as Opener<typeof target.type>)(target as never, options);
}
