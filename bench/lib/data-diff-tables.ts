/**
 * Benchmark tables for the data diff, generated inside the warehouse: `prod` with `rows` rows × 10 columns,
 * and `pr` with 1% of rows changed in one column, 0.1% deleted and 0.1% inserted. `same` is a copy of `prod`.
 */
import type { Warehouse } from '../../src/ports/warehouse.ts';

export const DIFF_COLUMNS = ['id', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'] as const;

function series(warehouse: Warehouse, from: number, to: number): string {
  return warehouse.dialect === 'duckdb' ? `range(${from}, ${to}) r(i)` : `generate_series(${from}, ${to - 1}) r(i)`;
}

export async function createDiffTables(warehouse: Warehouse, schema: string, rows: number): Promise<void> {
  const s = warehouse.quoteIdent(schema);
  const int = warehouse.dialect === 'duckdb' ? 'BIGINT' : 'bigint';
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
  const cols = DIFF_COLUMNS.join(', ');
  const hash = warehouse.dialect === 'duckdb' ? `hash(${cols})` : `hashtextextended(ROW(${cols})::text, 0)`;
  for (const table of tables) await warehouse.query(`SELECT sum(${hash}) AS s FROM ${warehouse.quoteIdent(schema)}.${table}`);
}

/**
 * (b) The single FULL OUTER JOIN diff of SQLMesh's `table_diff` and dbt-audit-helper: join on the key,
 * compare every column, count the categories and the per-column changes.
 */
export async function fullJoinDiff(warehouse: Warehouse, schema: string): Promise<void> {
  const s = warehouse.quoteIdent(schema);
  const values = DIFF_COLUMNS.slice(1);
  const both = 'a.id IS NOT NULL AND b.id IS NOT NULL';
  await warehouse.query(`SELECT count(CASE WHEN a.id IS NULL THEN 1 END) AS added, count(CASE WHEN b.id IS NULL THEN 1 END) AS removed,
      count(CASE WHEN ${both} AND (${values.map((c) => `a.${c} IS DISTINCT FROM b.${c}`).join(' OR ')}) THEN 1 END) AS changed,
      count(CASE WHEN ${both} AND NOT (${values.map((c) => `a.${c} IS DISTINCT FROM b.${c}`).join(' OR ')}) THEN 1 END) AS unchanged,
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
  const cols = DIFF_COLUMNS.join(', ');
  const hash = warehouse.dialect === 'duckdb' ? `hash(${cols})` : `hashtextextended(ROW(${cols})::text, 0)`;
  await warehouse.query(`SELECT count(*) AS n FROM (SELECT id, ${hash} AS h FROM ${s}.prod) a
    FULL JOIN (SELECT id, ${hash} AS h FROM ${s}.pr) b ON a.id = b.id WHERE a.h IS DISTINCT FROM b.h`);
}
