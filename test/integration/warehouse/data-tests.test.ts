/** Data tests on DuckDB and PostgreSQL: each kind passing and failing, examples, masking and errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../src/ports/warehouse.ts';
import { runDataTest, runDataTests } from '../../../src/engines/sql/data-tests/run-data-tests.ts';
import type { DataTest } from '../../../src/engines/sql/data-tests/schema.ts';
import { DataTest as DataTestSchema } from '../../../src/engines/sql/data-tests/schema.ts';
import { WAREHOUSE_TARGETS, openScratch } from './warehouse-targets.ts';

describe.each(WAREHOUSE_TARGETS)('data tests on $dialect', (target) => {
  let warehouse: Warehouse;
  let schema: string;
  let cleanup: () => Promise<void>;
  const orders = () => ({ schema, table: 'orders' });
  const run = (test: DataTest, pii?: string[]) => runDataTest(warehouse, test, { quote: warehouse.quoteIdent, pii });

  beforeAll(async () => {
    ({ warehouse, schema, cleanup } = await openScratch(target));
    const s = warehouse.quoteIdent(schema);
    await warehouse.execute(`
      CREATE TABLE ${s}.customers (id integer, email varchar);
      INSERT INTO ${s}.customers VALUES (1, 'a@x.io'), (2, 'b@x.io');
      CREATE TABLE ${s}.orders (id integer, customer_id integer, status varchar, email varchar);
      INSERT INTO ${s}.orders VALUES
        (1, 1, 'paid', 'a@x.io'), (2, 2, 'paid', 'b@x.io'), (3, 2, 'refunded', 'b@x.io'), (3, NULL, 'paid', NULL),
        (4, 9, 'lost', 'z@x.io'), (5, 1, NULL, 'a@x.io')`);
  });
  afterAll(async () => cleanup());

  it('not_null: counts NULL rows and shows them, pii masked', async () => {
    expect(await run({ kind: 'not_null', table: orders(), column: 'id' })).toEqual({
      name: `not_null(${schema}.orders.id)`, kind: 'not_null', status: 'passed', failingRows: 0, examples: [],
    });
    const failed = await run({ kind: 'not_null', table: orders(), column: 'customer_id' }, ['email']);
    expect(failed).toMatchObject({ status: 'failed', failingRows: 1, examples: [{ id: 3, customer_id: null, status: 'paid', email: null }] });
    const masked = await run({ kind: 'not_null', table: orders(), column: 'status' }, ['email']);
    expect(masked.examples).toEqual([{ id: 5, customer_id: 1, status: null, email: '•••' }]);
  });

  it('unique: one failing row per duplicated value, with its occurrences', async () => {
    expect(await run({ kind: 'unique', table: orders(), columns: ['id'] })).toMatchObject({
      status: 'failed', failingRows: 1, examples: [{ id: 3, occurrences: 2 }],
    });
    expect(await run({ kind: 'unique', table: orders(), columns: ['id', 'status'] })).toMatchObject({ status: 'passed' });
  });

  it('accepted_values: other values fail, NULLs pass', async () => {
    const result = await run({ kind: 'accepted_values', table: orders(), column: 'status', values: ['paid', 'refunded'] });
    expect(result).toMatchObject({ status: 'failed', failingRows: 1, examples: [{ id: 4, status: 'lost' }] });
    expect(await run({ kind: 'accepted_values', table: orders(), column: 'customer_id', values: [1, 2, 9] })).toMatchObject({ status: 'passed' });
    expect(await run({ kind: 'accepted_values', table: orders(), column: 'status', values: ["it's", 'paid', 'refunded', 'lost'] })).toMatchObject({ status: 'passed' });
  });

  it('relationships: values missing from the parent fail', async () => {
    const result = await run({ kind: 'relationships', table: orders(), column: 'customer_id', to: { schema, table: 'customers' }, field: 'id' });
    expect(result).toMatchObject({ status: 'failed', failingRows: 1, examples: [{ id: 4, customer_id: 9 }] });
  });

  it('row_count: passes inside the range, fails outside with the observed count', async () => {
    expect(await run({ kind: 'row_count', table: orders(), min: 1, max: 6 })).toMatchObject({ status: 'passed' });
    expect(await run({ kind: 'row_count', table: orders(), min: 10 })).toMatchObject({ status: 'failed', failingRows: 1, examples: [{ row_count: 6 }] });
    expect(await run({ kind: 'row_count', table: orders(), max: 5 })).toMatchObject({ status: 'failed' });
  });

  it('sql assertions: the returned rows are the failures; at most 5 examples', async () => {
    const s = warehouse.quoteIdent(schema);
    const result = await run({ kind: 'sql', name: 'orders have a status', sql: `SELECT id FROM ${s}.orders WHERE id > 0 ORDER BY id;  ` });
    expect(result).toMatchObject({ name: 'orders have a status', status: 'failed', failingRows: 6 });
    expect(result.examples).toHaveLength(5);
    expect(await run({ kind: 'sql', name: 'none', sql: `SELECT id FROM ${s}.orders WHERE id < 0` })).toMatchObject({ status: 'passed', failingRows: 0 });
  });

  it('reports a test whose query fails as an error, and runs the tests after it', async () => {
    const results = await runDataTests(warehouse, [
      { kind: 'not_null', table: orders(), column: 'no_such_column' },
      { kind: 'not_null', table: orders(), column: 'id' },
    ], { quote: warehouse.quoteIdent });
    expect(results[0]).toMatchObject({ status: 'error', failingRows: 0, error: expect.stringMatching(/no_such_column/) });
    expect(results[1]).toMatchObject({ status: 'passed' });
  });

  it('validates test definitions with zod', () => {
    expect(DataTestSchema.safeParse({ kind: 'row_count', table: orders() }).success).toBe(false);
    expect(DataTestSchema.safeParse({ kind: 'unique', table: orders(), columns: [] }).success).toBe(false);
    expect(DataTestSchema.safeParse({ kind: 'accepted_values', table: orders(), column: 'status', values: ['a'] }).success).toBe(true);
  });
});
