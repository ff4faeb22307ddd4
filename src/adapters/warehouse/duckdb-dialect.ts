/** DuckDB's SQL dialect as the data diff uses it. Row hashes: `hash(a, b, …)` (64-bit). */
import type { SqlDialect } from '../../ports/sql-dialect.ts';
import { integerKeyRuns } from './integer-key-runs.ts';

export const DUCKDB_DIALECT: SqlDialect = {
  name: 'duckdb',
  rowHash: (exprs) => `hash(${exprs.join(', ')})`,
  asText: (expr) => `CAST(${expr} AS VARCHAR)`,
  asDouble: (expr) => `CAST(${expr} AS DOUBLE)`,
  createTemp: (name, select) => `CREATE TEMP TABLE ${name} AS ${select}`,
  setup: [],
  rowsThroughJoin: true,
  cheapCount: true,
  keySample: (keys, integerKey) => (integerKey ? integerKeyRuns(keys[0] ?? '') : `hash(${keys.join(', ')}) % 97 = 0`),
};
