/**
 * Data diff on PostgreSQL (127.0.0.1:5432, or SLUICE_BENCH_DATABASE_URL): two tables of 1M rows × 10 columns
 * (1% of rows changed in one column, 0.1% deleted, 0.1% inserted) in a fresh schema, dropped afterwards.
 * Measured in the same run: the floor, one `sum(hashtextextended(row))` scan of both tables, and Sluice's
 * diff (`diffTables`). Interleaved, medians of 3 after a warm-up.
 *   data-diff-postgres-changed   sluice / floor   goal ≤ 3
 */
import { randomUUID } from 'node:crypto';
import { openPostgresWarehouse } from '../src/adapters/warehouse/open-postgres-warehouse.ts';
import { diffTables } from '../src/engines/sql/data-diff/diff-tables.ts';
import { createDiffTables, floorScan } from './lib/data-diff-tables.ts';
import { round, writeResult } from './lib/result.ts';
import { timeInterleaved } from './lib/time-median.ts';

const ROWS = Number(process.env['SLUICE_BENCH_PG_DIFF_ROWS'] ?? 1_000_000);
const URL = process.env['SLUICE_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `sluice_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

const warehouse = await openPostgresWarehouse({ connectionString: URL, maxConnections: 2 });
try {
  const started = performance.now();
  await warehouse.createSchema(SCHEMA);
  await createDiffTables(warehouse, SCHEMA, ROWS);
  await warehouse.execute(`ANALYZE ${warehouse.quoteIdent(SCHEMA)}.prod; ANALYZE ${warehouse.quoteIdent(SCHEMA)}.pr`);
  console.log(`generated ${ROWS} rows per table in ${Math.round(performance.now() - started)} ms`);
  const sluice = async () => {
    const result = await diffTables(warehouse, { before: { schema: SCHEMA, table: 'prod' }, after: { schema: SCHEMA, table: 'pr' }, grain: ['id'] });
    if (!result.ok) throw new Error(result.message);
    return result.value;
  };
  const check = await sluice();
  console.log('sluice diff:', JSON.stringify({ rows: check.rows, changedColumns: check.columns.filter((c) => c.changed > 0).map((c) => [c.name, c.changed]) }));
  await floorScan(warehouse, SCHEMA, ['prod', 'pr']);
  const t = await timeInterleaved({ floor: () => floorScan(warehouse, SCHEMA, ['prod', 'pr']), changed: sluice }, 3);
  console.log(`floor: wall ${Math.round(t.floor.wall)} ms; sluice: wall ${Math.round(t.changed.wall)} ms (PostgreSQL works in its own processes: no CPU time here)`);
  writeResult({
    name: 'data-diff-postgres-changed', value: round(t.changed.wall, 1), unit: 'ms',
    baseline: { name: 'sum(hashtextextended(row)) scan of both tables', value: round(t.floor.wall, 1) }, goal: 'ratio <= 3',
  });
} finally {
  await warehouse.dropSchema(SCHEMA, { cascade: true });
  await warehouse.close();
}
