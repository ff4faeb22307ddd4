/**
 * Benchmark tables for the data diff, generated inside the warehouse: `prod` with `rows` rows × 10 columns,
 * and `pr` with 1% of rows changed in one column, 0.1% deleted and 0.1% inserted. `same` is a copy of `prod`.
 */
import type { Warehouse, WarehouseDialect } from '../../src/ports/warehouse.ts';

export const DIFF_COLUMNS = ['id', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'] as const;

/** `from` … `to - 1` as rows `r(i)`. */
const SERIES: Readonly<Record<WarehouseDialect, (from: number, to: number) => string>> = {
  duckdb: (from, to) => `range(${from}, ${to}) r(i)`,
  postgres: (from, to) => `generate_series(${from}, ${to - 1}) r(i)`,
};

function series(warehouse: Warehouse, from: number, to: number): string {
  return SERIES[warehouse.dialect](from, to);
}

export async function createDiffTables(warehouse: Warehouse, schema: string, rows: number): Promise<void> {
  const s = warehouse.quoteIdent(schema);
  const int = 'bigint';
  await warehouse.execute(`CREATE TABLE ${s}.prod AS SELECT CAST(i AS ${int}) AS id, CAST(i % 1000 AS integer) AS c1,
      CAST((i * 7) % 100000 AS ${int}) AS c2, CAST((i % 97) * 1.5 AS decimal(12,2)) AS c3, 'name_' || CAST(i % 5000 AS varchar) AS c4,
      DATE '2020-01-01' + CAST(i % 2000 AS integer) AS c5, i % 3 = 0 AS c6, CAST((i * 13) % 1000003 AS ${int}) AS c7,
      CAST(i % 7919 AS double precision) / 3 AS c8, 'k' || CAST(i % 17 AS varchar) AS c9
    FROM ${series(warehouse, 0, rows)}`);
  await warehouse.execute(`CREATE TABLE ${s}.pr AS
    SELECT id, c1, CASE WHEN id % 100 = 7 THEN c2 + 1 ELSE c2 END AS c2, c3, c4, c5, c6, c7, c8, c9 FROM ${s}.prod WHERE id % 1000 <> 3
    UNION ALL SELECT CAST(i AS ${int}), 1, CAST(2 AS ${int}), CAST(3 AS decimal(12,2)), 'x', DATE '2021-01-01', true, CAST(5 AS ${int}), 1.0, 'k'
    FROM ${series(warehouse, rows, rows + rows / 1000)}`);
  await warehouse.execute(`CREATE TABLE ${s}.same AS SELECT * FROM ${s}.prod`);
}

/** (a) The floor: one `sum(row hash)` scan of each table. */
export async function floorScan(warehouse: Warehouse, schema: string, tables: readonly [string, string]): Promise<void> {
  const hash = warehouse.sqlDialect.rowHash(DIFF_COLUMNS);
  for (const table of tables) await warehouse.query(`SELECT sum(${hash}) AS s FROM ${warehouse.quoteIdent(schema)}.${table}`);
}

/**
 * (b) The single FULL OUTER JOIN diff of SQLMesh's `table_diff` (dbt-audit-helper's `compare_all_columns` is the
 * same join, one column at a time), step for step as SQLMesh runs it, for the same outputs as Sluice's diff:
 *   1. one temp table from `prod FULL JOIN pr` on the key, with both sides' columns, `s_exists`, `t_exists`,
 *      `row_joined`, `null_grain`, one `<column>_matches` flag per column and `row_full_match`;
 *   2. the summary sums over it, with `COUNT(DISTINCT key)` per side (its grain check);
 *   3. the per-column match rates over the joined rows;
 *   4. the sample: rows where any column differs, ordered by key, `LIMIT 20` (its default).
 * The key condition is written `IS NOT DISTINCT FROM` (SQLMesh writes `s.k = t.k OR (s.k IS NULL AND t.k IS NULL)`,
 * the same meaning), so the engine can hash it.
 */
export async function fullJoinDiff(warehouse: Warehouse, schema: string): Promise<void> {
  const s = warehouse.quoteIdent(schema);
  const temp = `sluice_bench_join_${Math.random().toString(36).slice(2, 10)}`;
  const matches = DIFF_COLUMNS.map((c) => `CASE WHEN s.${c} = t.${c} THEN 1 WHEN s.${c} IS NULL AND t.${c} IS NULL THEN 1 ELSE 0 END AS ${c}_matches`);
  await warehouse.transaction(async (tx) => {
    await tx.execute(`CREATE TEMP TABLE ${temp} AS SELECT *, CASE WHEN ${DIFF_COLUMNS.map((c) => `${c}_matches = 1`).join(' AND ')} THEN 1 ELSE 0 END AS row_full_match FROM (
      SELECT ${DIFF_COLUMNS.map((c) => `s.${c} AS s__${c}`).join(', ')}, ${DIFF_COLUMNS.map((c) => `t.${c} AS t__${c}`).join(', ')},
        CASE WHEN s.id IS NOT NULL THEN 1 ELSE 0 END AS s_exists, CASE WHEN t.id IS NOT NULL THEN 1 ELSE 0 END AS t_exists,
        CASE WHEN s.id = t.id AND s.id IS NOT NULL AND t.id IS NOT NULL THEN 1 ELSE 0 END AS row_joined,
        CASE WHEN s.id IS NULL AND t.id IS NULL THEN 1 ELSE 0 END AS null_grain, ${matches.join(', ')}
      FROM ${s}.prod s FULL JOIN ${s}.pr t ON s.id IS NOT DISTINCT FROM t.id) stats`);
    await tx.query(`SELECT sum(s_exists) AS s_count, sum(t_exists) AS t_count, sum(row_joined) AS join_count, sum(null_grain) AS null_grain_count,
      sum(row_full_match) AS full_match_count, ${DIFF_COLUMNS.map((c) => `sum(${c}_matches) AS ${c}_matches`).join(', ')},
      count(DISTINCT s__id) AS distinct_count_s, count(DISTINCT t__id) AS distinct_count_t FROM ${temp}`);
    await tx.query(`SELECT ${DIFF_COLUMNS.map((c) => `round(100 * (sum(${c}_matches) / count(${c}_matches)), 1) AS ${c}_matches`).join(', ')}
      FROM ${temp} WHERE row_joined = 1`);
    await tx.query(`SELECT s_exists, t_exists, row_joined, row_full_match, ${DIFF_COLUMNS.map((c) => `s__${c}, t__${c}`).join(', ')} FROM ${temp}
      WHERE ${DIFF_COLUMNS.map((c) => `${c}_matches = 0`).join(' OR ')} ORDER BY s__id, t__id LIMIT 20`);
    await tx.execute(`DROP TABLE ${temp}`);
  });
}

/**
 * The same join reduced to one aggregate that only counts (categories and per-column changes): no table, no
 * grain check, no samples. Not a method any tool uses — a reference for how much of (b) is the join itself.
 */
export async function countingJoin(warehouse: Warehouse, schema: string): Promise<void> {
  const s = warehouse.quoteIdent(schema);
  const values = DIFF_COLUMNS.slice(1);
  const both = 'a.id IS NOT NULL AND b.id IS NOT NULL';
  await warehouse.query(`SELECT count(CASE WHEN a.id IS NULL THEN 1 END) AS added, count(CASE WHEN b.id IS NULL THEN 1 END) AS removed,
      count(CASE WHEN ${both} AND (${values.map((c) => `a.${c} IS DISTINCT FROM b.${c}`).join(' OR ')}) THEN 1 END) AS changed,
      ${values.map((c) => `count(CASE WHEN ${both} AND a.${c} IS DISTINCT FROM b.${c} THEN 1 END) AS ${c}_changed`).join(', ')}
    FROM ${s}.prod a FULL OUTER JOIN ${s}.pr b ON a.id = b.id`);
}

/**
 * The least an exact row-level diff by key must do: hash every row of both tables and match them by key — a
 * FULL JOIN of (key, row hash) that only counts the differing keys. It reports nothing else (no categories'
 * rows, no per-column counts, no samples); it shows how much of a diff's time no SQL formulation can save.
 */
export async function keyHashJoin(warehouse: Warehouse, schema: string): Promise<void> {
  const s = warehouse.quoteIdent(schema);
  const hash = warehouse.sqlDialect.rowHash(DIFF_COLUMNS);
  await warehouse.query(`SELECT count(*) AS n FROM (SELECT id, ${hash} AS h FROM ${s}.prod) a
    FULL JOIN (SELECT id, ${hash} AS h FROM ${s}.pr) b ON a.id = b.id WHERE a.h IS DISTINCT FROM b.h`);
}
