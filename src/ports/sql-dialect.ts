/**
 * A warehouse's SQL dialect as the data diff writes it: the few expressions that differ between warehouses.
 * Each warehouse adapter supplies its own (`WarehouseHandle.sqlDialect`); everything else is shared SQL.
 */

export type WarehouseDialect = 'duckdb' | 'postgres';

export type SqlDialect = {
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
