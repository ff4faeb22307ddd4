/**
 * The few SQL expressions the diff writes differently per dialect. Everything else is shared SQL.
 * Row hashes: DuckDB `hash(a, b, …)` (64-bit); PostgreSQL `hashtextextended(ROW(a, b, …)::text, 0)` (64-bit).
 */
import type { WarehouseDialect } from '../../../ports/warehouse.ts';

export type DiffDialect = {
  readonly name: WarehouseDialect;
  /** A 64-bit hash of the listed expressions, never NULL (NULL inputs hash too). */
  rowHash(exprs: readonly string[]): string;
  /** The expression as text, for comparing columns whose type differs between the sides. */
  asText(expr: string): string;
  asDouble(expr: string): string;
  /** `CREATE TEMP TABLE name AS select`, dropped with the transaction where the dialect can. */
  createTemp(name: string, select: string): string;
  /** `count(*)` of a table costs no scan. */
  readonly cheapCount: boolean;
  /**
   * The PR side's columns ride through the (key, hash) join as its probe side, so its differing rows need no
   * second scan. True where the engine streams the probe side (DuckDB); PostgreSQL would rather hash the wide
   * side, which is slower than fetching the differing rows afterwards.
   */
  readonly rowsThroughJoin: boolean;
  /** Statements run first in the diff's transaction. */
  readonly setup: readonly string[];
  /**
   * A cheap, deterministic ~1% selection of rows by their key. An integer key is sampled in runs of 655
   * consecutive values, so a scan of a table stored in key order skips most blocks; other keys by their hash.
   */
  keySample(keyExprs: readonly string[], integerKey: boolean): string;
};

function integerRuns(key: string): string {
  return `${key} % 65536 BETWEEN 0 AND 654`;
}

const DUCKDB: DiffDialect = {
  name: 'duckdb',
  rowHash: (exprs) => `hash(${exprs.join(', ')})`,
  asText: (expr) => `CAST(${expr} AS VARCHAR)`,
  asDouble: (expr) => `CAST(${expr} AS DOUBLE)`,
  createTemp: (name, select) => `CREATE TEMP TABLE ${name} AS ${select}`,
  setup: [],
  rowsThroughJoin: true,
  cheapCount: true,
  keySample: (keys, integerKey) => (integerKey ? integerRuns(keys[0] ?? '') : `hash(${keys.join(', ')}) % 97 = 0`),
};

const POSTGRES: DiffDialect = {
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
  keySample: (keys, integerKey) => (integerKey ? integerRuns(keys[0] ?? '') : `hashtext(ROW(${keys.join(', ')})::text) % 97 = 0`),
};

export function diffDialect(name: WarehouseDialect): DiffDialect {
  return name === 'duckdb' ? DUCKDB : POSTGRES;
}
