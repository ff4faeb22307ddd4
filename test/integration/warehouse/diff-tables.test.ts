/** The data diff, computed inside DuckDB and PostgreSQL: the same small tables and expectations on both. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../src/ports/warehouse.ts';
import { diffTables } from '../../../src/engines/sql/data-diff/diff-tables.ts';
import type { DataDiff } from '../../../src/engines/sql/data-diff/schema.ts';
import { DataDiff as DataDiffSchema, MASKED } from '../../../src/engines/sql/data-diff/schema.ts';
import { WAREHOUSE_TARGETS, openScratch } from './warehouse-targets.ts';

/** 20 customers in production; the PR build changes 3, removes 1 and adds 2. */
const PROD = `SELECT i AS id, 'person ' || i AS email, CAST(i * 10 AS numeric(10,2)) AS amount, CAST(i % 4 AS integer) AS qty, 'n' || i AS note
  FROM generate_series(1, 20) AS g(i)`;
const PR = `SELECT id, email,
    CASE WHEN id IN (3, 4) THEN amount + 1 ELSE amount END AS amount, qty,
    CASE WHEN id = 5 THEN NULL ELSE note END AS note
  FROM prod WHERE id <> 7
  UNION ALL SELECT i, 'new ' || i, CAST(5 AS numeric(10,2)), 1, 'added' FROM generate_series(21, 22) AS g(i)`;

/** The diff's value, checked against its zod schema (it is what plans store and renderers read). */
function unwrap(result: Awaited<ReturnType<typeof diffTables>>): DataDiff {
  if (!result.ok) throw new Error(result.message);
  return DataDiffSchema.parse(result.value);
}

describe.each(WAREHOUSE_TARGETS)('data diff on $dialect', (target) => {
  let warehouse: Warehouse;
  let schema: string;
  let cleanup: () => Promise<void>;
  const ref = (table: string) => ({ schema, table });
  const create = (table: string, select: string) => warehouse.execute(`CREATE TABLE ${warehouse.quoteIdent(schema)}.${table} AS ${select}`);

  beforeAll(async () => {
    ({ warehouse, schema, cleanup } = await openScratch(target));
    await create('prod', PROD);
    await create('pr', PR.replace('FROM prod', `FROM ${warehouse.quoteIdent(schema)}.prod`));
    await create('same', `SELECT * FROM ${warehouse.quoteIdent(schema)}.prod`);
  });
  afterAll(async () => cleanup());

  it('answers identical tables from their checksums', async () => {
    const diff = unwrap(await diffTables(warehouse, { before: ref('prod'), after: ref('same'), grain: ['id'] }));
    expect(diff.identical).toBe(true);
    expect(diff.rows).toMatchObject({ before: 20, after: 20, added: 0, removed: 0, changed: 0, unchanged: 20 });
    expect(diff.grain).toMatchObject({ checked: false, reliable: true });
    expect(diff.columns.every((c) => c.changed === 0)).toBe(true);
  });

  it('counts added, removed, changed and unchanged rows by key, with percentages of production', async () => {
    const diff = unwrap(await diffTables(warehouse, { before: ref('prod'), after: ref('pr'), grain: ['id'] }));
    expect(diff.identical).toBe(false);
    expect(diff.grain).toMatchObject({ checked: true, reliable: true, before: { nullKeys: 0, duplicateKeys: 0 } });
    expect(diff.rows).toEqual({
      before: 20, after: 21, added: 2, removed: 1, changed: 3, unchanged: 16,
      pct: { added: 10, removed: 5, changed: 15, unchanged: 80 },
    });
  });

  it('reports per-column changes and the numeric shift over the changed values', async () => {
    const diff = unwrap(await diffTables(warehouse, { before: ref('prod'), after: ref('pr'), grain: ['id'] }));
    const byName = Object.fromEntries(diff.columns.map((c) => [c.name, c]));
    expect(Object.keys(byName)).toEqual(['email', 'amount', 'qty', 'note']);
    expect(byName['amount']).toMatchObject({ changed: 2, pctChanged: 10.53 });
    expect(byName['amount']?.shift).toEqual({
      before: { mean: 35, min: 30, max: 40, nullRate: 0 },
      after: { mean: 36, min: 31, max: 41, nullRate: 0 },
    });
    expect(byName['note']).toMatchObject({ changed: 1 });
    expect(byName['qty']).toMatchObject({ changed: 0 });
    expect(byName['email']?.shift).toBeUndefined();
  });

  it('samples rows per category with pii columns masked', async () => {
    const diff = unwrap(await diffTables(warehouse, { before: ref('prod'), after: ref('pr'), grain: ['id'], pii: ['email'] }));
    expect(diff.samples.removed).toEqual([{ id: 7, email: MASKED, amount: '70.00', qty: 3, note: 'n7' }]);
    expect(diff.samples.added.map((r) => [r['id'], r['email']])).toEqual([[21, MASKED], [22, MASKED]]);
    expect(diff.samples.changed).toEqual([
      { key: { id: 3 }, before: { amount: '30.00' }, after: { amount: '31.00' }, changedColumns: ['amount'] },
      { key: { id: 4 }, before: { amount: '40.00' }, after: { amount: '41.00' }, changedColumns: ['amount'] },
      { key: { id: 5 }, before: { note: 'n5' }, after: { note: null }, changedColumns: ['note'] },
    ]);
  });

  it('limits samples to the requested size', async () => {
    const diff = unwrap(await diffTables(warehouse, { before: ref('prod'), after: ref('pr'), grain: ['id'], sampleSize: 1 }));
    expect([diff.samples.added.length, diff.samples.removed.length, diff.samples.changed.length]).toEqual([1, 1, 1]);
  });

  it('diffs schemas and compares retyped columns as text, ignoring added and removed ones', async () => {
    await create('reshaped', `SELECT id, email, amount, CAST(qty AS bigint) AS qty, 'x' AS extra FROM ${warehouse.quoteIdent(schema)}.prod`);
    const diff = unwrap(await diffTables(warehouse, { before: ref('prod'), after: ref('reshaped'), grain: ['id'] }));
    expect(diff.schema).toEqual({
      added: [{ name: 'extra', type: 'varchar' }],
      removed: [{ name: 'note', type: 'varchar' }],
      retyped: [{ name: 'qty', before: 'integer', after: 'bigint' }],
    });
    expect(diff.identical).toBe(false);
    expect(diff.rows).toMatchObject({ changed: 0, unchanged: 20 });
  });

  it('flags a bad grain: null and duplicate keys on either side', async () => {
    const s = warehouse.quoteIdent(schema);
    await create('dup_before', `SELECT * FROM ${s}.prod UNION ALL SELECT NULL, 'x', 1, 1, 'x' UNION ALL SELECT NULL, 'y', 1, 1, 'y'`);
    await create('dup_after', `SELECT * FROM ${s}.prod UNION ALL SELECT * FROM ${s}.prod WHERE id IN (2, 3) UNION ALL SELECT 99, 'z', 1, 1, 'z' UNION ALL SELECT 99, 'z', 2, 1, 'z'`);
    const diff = unwrap(await diffTables(warehouse, { before: ref('dup_before'), after: ref('dup_after'), grain: ['id'] }));
    expect(diff.grain).toEqual({
      columns: ['id'], checked: true, reliable: false,
      before: { nullKeys: 2, duplicateKeys: 0 },
      after: { nullKeys: 0, duplicateKeys: 3 },
    });
    expect(diff.notes.join(' ')).toMatch(/not reliable/);
  });

  it('diffs by a composite grain', async () => {
    const s = warehouse.quoteIdent(schema);
    await create('pairs_a', `SELECT CAST(i % 5 AS integer) AS a, CAST(floor(i / 5) AS integer) AS b, CAST(i AS integer) AS v FROM generate_series(0, 24) AS g(i)`);
    await create('pairs_b', `SELECT a, b, CASE WHEN a = 1 AND b = 2 THEN -1 ELSE v END AS v FROM ${s}.pairs_a WHERE NOT (a = 0 AND b = 0)`);
    const diff = unwrap(await diffTables(warehouse, { before: ref('pairs_a'), after: ref('pairs_b'), grain: ['a', 'b'] }));
    expect(diff.rows).toMatchObject({ added: 0, removed: 1, changed: 1, unchanged: 23 });
    expect(diff.samples.changed[0]).toMatchObject({ key: { a: 1, b: 2 }, before: { v: 11 }, after: { v: -1 } });
  });

  it('profiles columns of tables without a grain, and says a grain would help', async () => {
    const diff = unwrap(await diffTables(warehouse, { before: ref('prod'), after: ref('pr') }));
    expect(diff.rows).toBeUndefined();
    expect(diff.rowCount).toEqual({ before: 20, after: 21 });
    expect(diff.profiles?.find((p) => p.name === 'note')).toEqual({ name: 'note', before: { nullRate: 0 }, after: { nullRate: 1 / 21 } });
    expect(diff.profiles?.find((p) => p.name === 'qty')?.before).toMatchObject({ min: 0, max: 3 });
    expect(diff.notes.join(' ')).toMatch(/grain/);
  });

  it('fails clearly on a missing table or grain column', async () => {
    const missing = await diffTables(warehouse, { before: ref('prod'), after: ref('nope'), grain: ['id'] });
    expect(missing).toMatchObject({ ok: false, code: 'engine_failed', message: `diffing ${schema}.nope against ${schema}.prod: table ${schema}.nope not found` });
    const badGrain = await diffTables(warehouse, { before: ref('prod'), after: ref('pr'), grain: ['order_id'] });
    expect(badGrain).toMatchObject({ ok: false, message: expect.stringMatching(/grain column order_id/) });
  });
});
