/**
 * Runs data tests in the warehouse. Each test is ONE query: its failing rows, each carrying the total count
 * (a window over all of them), cut to 5 examples. A query that fails makes the test `error`, not the run.
 * Pass the warehouse itself rather than a transaction: on PostgreSQL one failed query aborts a transaction,
 * and the tests after it would all error.
 */
import type { WarehouseRow, WarehouseSession, WarehouseValue } from '../../../ports/warehouse.ts';
import { MASKED } from '../data-diff/schema.ts';
import { failingRowsSql, testName } from './failing-rows-sql.ts';
import type { DataTest, DataTestResult } from './schema.ts';

export const EXAMPLE_LIMIT = 5;
const COUNT_COLUMN = '__sluice_failing';

export type RunDataTestsOptions = {
  /** Columns whose values are masked in examples. */
  pii?: readonly string[];
  quote: (name: string) => string;
};

export async function runDataTests(session: WarehouseSession, tests: readonly DataTest[], options: RunDataTestsOptions): Promise<DataTestResult[]> {
  const results: DataTestResult[] = [];
  for (const test of tests) results.push(await runDataTest(session, test, options));
  return results;
}

export async function runDataTest(session: WarehouseSession, test: DataTest, options: RunDataTestsOptions): Promise<DataTestResult> {
  const name = testName(test);
  try {
    const sql = `SELECT f.*, count(*) OVER () AS ${COUNT_COLUMN} FROM (${failingRowsSql(test, options.quote)}) f LIMIT ${EXAMPLE_LIMIT}`;
    const rows = await session.query(sql);
    const failingRows = rows.length === 0 ? 0 : Number(rows[0]?.[COUNT_COLUMN] ?? 0);
    const pii = new Set(options.pii ?? []);
    return { name, kind: test.kind, status: failingRows === 0 ? 'passed' : 'failed', failingRows, examples: rows.map((r) => example(r, pii)) };
  } catch (error) {
    return { name, kind: test.kind, status: 'error', failingRows: 0, examples: [], error: error instanceof Error ? error.message : String(error) };
  }
}

function example(row: WarehouseRow, pii: ReadonlySet<string>): Record<string, WarehouseValue> {
  const out: Record<string, WarehouseValue> = {};
  for (const [name, value] of Object.entries(row)) {
    if (name === COUNT_COLUMN) continue;
    out[name] = pii.has(name) && value !== null ? MASKED : value;
  }
  return out;
}
