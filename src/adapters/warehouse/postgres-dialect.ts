/** PostgreSQL's SQL dialect as the data diff uses it. Row hashes: `hashtextextended(ROW(a, b, …)::text, 0)` (64-bit). */
import type { SqlDialect } from '../../ports/sql-dialect.ts';
import { integerKeyRuns } from './integer-key-runs.ts';

export const POSTGRES_DIALECT: SqlDialect = {
  name: 'postgres',
  rowHash: (exprs) => `hashtextextended(ROW(${exprs.join(', ')})::text, 0)`,
  asText: (expr) => `CAST(${expr} AS text)`,
  asDouble: (expr) => `CAST(${expr} AS double precision)`,
  createTemp: (name, select) => `CREATE TEMP TABLE ${name} ON COMMIT DROP AS ${select}`,
  // The (key, hash) join of large tables spills in batches with the default 4 MB; only this transaction gets more.
  // A FULL hash join runs in one process (before PostgreSQL 16), but its inputs may come from parallel scans:
  // with the tuple transfer priced at 0, the planner gathers them (large tables only: the setup cost stays).
  setup: ["SET LOCAL work_mem = '256MB'", 'SET LOCAL parallel_tuple_cost = 0'],
  rowsThroughJoin: false,
  cheapCount: false,
  keySample: (keys, integerKey) => (integerKey ? integerKeyRuns(keys[0] ?? '') : `hashtext(ROW(${keys.join(', ')})::text) % 97 = 0`),
};
