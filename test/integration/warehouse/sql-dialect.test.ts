/** Each warehouse adapter supplies its own SQL dialect object, and its expressions run on that warehouse. */
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { DUCKDB_DIALECT } from '../../../src/adapters/warehouse/duckdb-dialect.ts';
import { POSTGRES_DIALECT } from '../../../src/adapters/warehouse/postgres-dialect.ts';
import type { SqlDialect, Warehouse, WarehouseDialect } from '../../../src/ports/warehouse.ts';
import { WAREHOUSE_TARGETS, openScratch } from './warehouse-targets.ts';

/** A dialect per warehouse: one missing here does not compile. */
const DIALECTS = { duckdb: DUCKDB_DIALECT, postgres: POSTGRES_DIALECT } satisfies Record<WarehouseDialect, SqlDialect>;

describe.each(WAREHOUSE_TARGETS)('the $dialect SQL dialect', (target) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ warehouse, cleanup } = await openScratch(target));
  });
  afterEach(async () => cleanup());

  it('comes from the adapter and names the warehouse\'s dialect', () => {
    expect(warehouse.sqlDialect).toBe(DIALECTS[target.dialect]);
    expect(warehouse.sqlDialect.name).toBe(warehouse.dialect);
    expectTypeOf<keyof typeof DIALECTS>().toEqualTypeOf<WarehouseDialect>();
  });

  it('writes expressions the warehouse runs: hashes of NULLs, text, doubles and key samples', async () => {
    const d = warehouse.sqlDialect;
    const [row] = await warehouse.query(`SELECT ${d.rowHash(['CAST(NULL AS integer)', "'a'"])} IS NOT NULL AS hashed,
      ${d.asText('CAST(12 AS integer)')} AS txt, ${d.asDouble('CAST(1.5 AS decimal(4,2))')} AS dbl`);
    expect(row).toEqual({ hashed: true, txt: '12', dbl: 1.5 });
    const [sampled] = await warehouse.query(`SELECT count(*) AS n FROM (SELECT CAST(i AS bigint) AS k FROM (VALUES (0), (654), (655), (65536)) v(i)) t
      WHERE ${d.keySample(['k'], true)}`);
    expect(sampled).toEqual({ n: 3 });
    await warehouse.query(`SELECT count(*) AS n FROM (VALUES ('a'), ('b')) v(k) WHERE ${d.keySample(['k'], false)}`);
  });

  it('creates a temp table inside the diff\'s transaction after its setup', async () => {
    const d = warehouse.sqlDialect;
    const rows = await warehouse.transaction(async (tx) => {
      for (const statement of d.setup) await tx.execute(statement);
      await tx.execute(d.createTemp('sluice_dialect_tmp', 'SELECT 1 AS n'));
      return tx.query('SELECT n FROM sluice_dialect_tmp');
    });
    expect(rows).toEqual([{ n: 1 }]);
  });
});
