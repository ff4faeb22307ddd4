/**
 * Data diff on DuckDB: two tables of 10M rows × 10 columns (1% of rows changed in one column, 0.1% deleted,
 * 0.1% inserted), in memory, 2 threads. In the same run, interleaved round by round (medians of 3):
 * (a) the floor, one `sum(hash(row))` scan of both tables; (b) the single FULL OUTER JOIN diff of SQLMesh's
 * table_diff, as SQLMesh runs it (join into a table, then summary, column stats and samples: the outputs
 * Sluice's diff has too); (c) Sluice's `diffTables` with the same outputs (and more: numeric shifts).
 *   data-diff-changed    c / a   goal ≤ 3
 *   data-diff-vs-join    c / b   goal ≤ 0.5
 *   data-diff-identical  c on identical tables / a   goal ≤ 1.3
 * and, to show where the time goes, (d) the narrow FULL JOIN of (key, row hash) alone, which any exact diff by
 * key must do and which reports nothing else:
 *   data-diff-vs-key-join  c / d   goal ≤ 1.5 (what Sluice adds to the unavoidable matching)
 * The same join reduced to one counting aggregate (no table, grain check or samples; no tool works that way) is
 * printed beside them, as a reference for how much of (b) is the join itself.
 * Wall time is what the results record; CPU time (robust to other load on the machine) is printed beside it.
 */
import { openDuckDbWarehouse } from '../src/adapters/warehouse/open-duckdb-warehouse.ts';
import { diffTables } from '../src/engines/sql/data-diff/diff-tables.ts';
import type { Warehouse } from '../src/ports/warehouse.ts';
import { countingJoin, createDiffTables, floorScan, fullJoinDiff, keyHashJoin } from './lib/data-diff-tables.ts';
import { round, writeResult } from './lib/result.ts';
import { timeInterleaved } from './lib/time-median.ts';

const ROWS = Number(process.env['SLUICE_BENCH_DIFF_ROWS'] ?? 10_000_000);
const SCHEMA = 'bench';

function sluiceDiff(warehouse: Warehouse, after: string) {
  return async () => {
    const result = await diffTables(warehouse, { before: { schema: SCHEMA, table: 'prod' }, after: { schema: SCHEMA, table: after }, grain: ['id'] });
    if (!result.ok) throw new Error(result.message);
    return result.value;
  };
}

const warehouse = await openDuckDbWarehouse({ path: ':memory:', settings: { threads: '2' } });
try {
  const started = performance.now();
  await warehouse.createSchema(SCHEMA);
  await createDiffTables(warehouse, SCHEMA, ROWS);
  console.log(`generated 3 × ${ROWS} rows in ${Math.round(performance.now() - started)} ms`);
  const check = await sluiceDiff(warehouse, 'pr')();
  console.log('sluice diff:', JSON.stringify({ rows: check.rows, changedColumns: check.columns.filter((c) => c.changed > 0).map((c) => [c.name, c.changed]) }));
  await floorScan(warehouse, SCHEMA, ['prod', 'pr']);
  const t = await timeInterleaved({
    floor: () => floorScan(warehouse, SCHEMA, ['prod', 'pr']),
    join: () => fullJoinDiff(warehouse, SCHEMA),
    keyJoin: () => keyHashJoin(warehouse, SCHEMA),
    countingJoin: () => countingJoin(warehouse, SCHEMA),
    changed: sluiceDiff(warehouse, 'pr'),
    identical: sluiceDiff(warehouse, 'same'),
  }, 3);
  for (const [name, v] of Object.entries(t)) console.log(`${name}: wall ${Math.round(v.wall)} ms, cpu ${Math.round(v.cpu)} ms`);
  console.log(`cpu ratios: changed/floor ${round(t.changed.cpu / t.floor.cpu)}, changed/join ${round(t.changed.cpu / t.join.cpu)}, identical/floor ${round(t.identical.cpu / t.floor.cpu)}, key join/join ${round(t.keyJoin.cpu / t.join.cpu)}`);
  console.log(`reference: changed / counting-only join (wall) ${round(t.changed.wall / t.countingJoin.wall)}`);
  const floor = { name: 'sum(hash(row)) scan of both tables', value: round(t.floor.wall, 1) };
  writeResult({ name: 'data-diff-changed', value: round(t.changed.wall, 1), unit: 'ms', baseline: floor, goal: 'ratio <= 3' });
  writeResult({ name: 'data-diff-vs-join', value: round(t.changed.wall, 1), unit: 'ms', baseline: { name: 'single FULL OUTER JOIN diff (SQLMesh table_diff method)', value: round(t.join.wall, 1) }, goal: 'ratio <= 0.5' });
  writeResult({ name: 'data-diff-vs-key-join', value: round(t.changed.wall, 1), unit: 'ms', baseline: { name: 'FULL JOIN of (key, row hash) alone', value: round(t.keyJoin.wall, 1) }, goal: 'ratio <= 1.5' });
  writeResult({ name: 'data-diff-identical', value: round(t.identical.wall, 1), unit: 'ms', baseline: floor, goal: 'ratio <= 1.3' });
} finally {
  await warehouse.close();
}
