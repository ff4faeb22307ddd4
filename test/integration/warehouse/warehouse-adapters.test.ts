/** The Warehouse port: the same scenarios on DuckDB and PostgreSQL. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DUCKDB_FILE, openDuckDbWarehouse } from '../../../src/adapters/warehouse/open-duckdb-warehouse.ts';
import type { Warehouse } from '../../../src/ports/warehouse.ts';
import { WAREHOUSE_TARGETS, openScratch } from './warehouse-targets.ts';

describe.each(WAREHOUSE_TARGETS)('$dialect warehouse', (target) => {
  let warehouse: Warehouse;
  let schema: string;
  let cleanup: () => Promise<void>;
  const t = (name: string) => `${warehouse.quoteIdent(schema)}.${warehouse.quoteIdent(name)}`;

  beforeEach(async () => {
    ({ warehouse, schema, cleanup } = await openScratch(target));
  });
  afterEach(async () => cleanup());

  it('names its dialect', () => {
    expect(warehouse.dialect).toBe(target.dialect);
  });

  it('normalizes values the same way on both dialects', async () => {
    const [row] = await warehouse.query(`
      SELECT 1 AS i, CAST(9007199254740993 AS bigint) AS big, CAST(42 AS bigint) AS small_big,
        CAST(19.90 AS decimal(10,2)) AS dec, CAST(2.5 AS double precision) AS dbl, true AS b, 'x' AS s,
        CAST('2024-01-31' AS date) AS d, CAST('2024-01-31 12:00:00' AS timestamp) AS ts, NULL AS n,
        count(*) AS c`);
    expect(row).toEqual({
      i: 1, big: '9007199254740993', small_big: 42, dec: '19.90', dbl: 2.5, b: true, s: 'x',
      d: '2024-01-31', ts: '2024-01-31 12:00:00', n: null, c: 1,
    });
  });

  it('binds $n parameters', async () => {
    const rows = await warehouse.query('SELECT CAST($1 AS integer) + 1 AS n, CAST($2 AS varchar) AS s, CAST($3 AS integer) IS NULL AS missing', [41, 'ok', null]);
    expect(rows).toEqual([{ n: 42, s: 'ok', missing: true }]);
  });

  it('cancels a running statement when its signal aborts, in or out of a transaction, leaving nothing behind', async () => {
    const slow = target.dialect === 'duckdb' ? 'SELECT sum(i % 7) AS n FROM range(50000000000) t(i)' : 'SELECT 1 AS n FROM (SELECT pg_sleep(60)) s';
    const started = Date.now();
    await expect(warehouse.execute(`CREATE TABLE ${t('slow')} AS ${slow}`, undefined, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    await expect(warehouse.transaction((tx) => tx.execute(`CREATE TABLE ${t('slow_tx')} AS ${slow}`, undefined, { signal: AbortSignal.timeout(300) }))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await warehouse.tableExists(schema, 'slow')).toBe(false);
    expect(await warehouse.tableExists(schema, 'slow_tx')).toBe(false);
    const aborted = AbortSignal.abort();
    await expect(warehouse.execute(`CREATE TABLE ${t('never')} AS SELECT 1 AS n`, undefined, { signal: aborted })).rejects.toThrow();
    expect(await warehouse.tableExists(schema, 'never')).toBe(false);
  });

  it('executes several statements at once and reads them back', async () => {
    await warehouse.execute(`CREATE TABLE ${t('a')} (id integer, name varchar); INSERT INTO ${t('a')} VALUES (1, 'one'), (2, 'two')`);
    expect(await warehouse.query(`SELECT id, name FROM ${t('a')} ORDER BY id`)).toEqual([{ id: 1, name: 'one' }, { id: 2, name: 'two' }]);
  });

  it('commits a transaction and returns its value', async () => {
    const value = await warehouse.transaction(async (tx) => {
      await tx.execute(`CREATE TABLE ${t('a')} (id integer)`);
      await tx.execute(`INSERT INTO ${t('a')} VALUES ($1)`, [7]);
      return (await tx.query(`SELECT count(*) AS n FROM ${t('a')}`))[0]?.['n'];
    });
    expect(value).toBe(1);
    expect(await warehouse.query(`SELECT id FROM ${t('a')}`)).toEqual([{ id: 7 }]);
  });

  it('rolls back DDL and DML when a statement fails, and rethrows', async () => {
    await warehouse.execute(`CREATE TABLE ${t('kept')} (id integer); INSERT INTO ${t('kept')} VALUES (1)`);
    const attempt = warehouse.transaction(async (tx) => {
      await tx.execute(`CREATE TABLE ${t('new')} (id integer)`);
      await tx.execute(`DELETE FROM ${t('kept')}`);
      await tx.execute(`DROP TABLE ${t('kept')}`);
      await tx.execute(`SELECT no_such_column FROM ${t('new')}`);
    });
    await expect(attempt).rejects.toThrow(/no_such_column/);
    expect(await warehouse.tableExists(schema, 'new')).toBe(false);
    expect(await warehouse.query(`SELECT id FROM ${t('kept')}`)).toEqual([{ id: 1 }]);
  });

  it('rolls back when the callback throws', async () => {
    const attempt = warehouse.transaction(async (tx) => {
      await tx.execute(`CREATE TABLE ${t('a')} (id integer)`);
      throw new Error('changed my mind');
    });
    await expect(attempt).rejects.toThrow('changed my mind');
    expect(await warehouse.tableExists(schema, 'a')).toBe(false);
  });

  it('lists columns with types named alike on both dialects', async () => {
    await warehouse.execute(`CREATE TABLE ${t('typed')} (
      id bigint NOT NULL, n integer, amount numeric(10,2), ratio double precision, label text, code varchar(8),
      active boolean, day date, ts timestamp, ts_tz timestamptz)`);
    const columns = await warehouse.listColumns(schema, 'typed');
    expect(columns.map((c) => [c.name, c.type, c.kind])).toEqual([
      ['id', 'bigint', 'integer'], ['n', 'integer', 'integer'], ['amount', 'decimal(10,2)', 'decimal'],
      ['ratio', 'double', 'float'], ['label', 'varchar', 'text'], ['code', 'varchar', 'text'],
      ['active', 'boolean', 'boolean'], ['day', 'date', 'temporal'], ['ts', 'timestamp', 'temporal'],
      ['ts_tz', 'timestamptz', 'temporal'],
    ]);
    expect(columns[0]?.nullable).toBe(false);
    expect(columns[1]?.nullable).toBe(true);
    expect(await warehouse.listColumns(schema, 'missing')).toEqual([]);
  });

  it('tells whether tables and views exist', async () => {
    await warehouse.execute(`CREATE TABLE ${t('a')} (id integer); CREATE VIEW ${t('v')} AS SELECT id FROM ${t('a')}`);
    expect(await warehouse.tableExists(schema, 'a')).toBe(true);
    expect(await warehouse.tableExists(schema, 'v')).toBe(true);
    expect(await warehouse.tableExists(schema, 'b')).toBe(false);
    expect(await warehouse.tableExists(`${schema}_other`, 'a')).toBe(false);
  });

  it('quotes identifiers so odd names round-trip', async () => {
    const odd = 'Mixed "quoted" name';
    await warehouse.execute(`CREATE TABLE ${t(odd)} (${warehouse.quoteIdent('select')} integer)`);
    expect((await warehouse.listColumns(schema, odd)).map((c) => c.name)).toEqual(['select']);
  });

  it('creates schemas idempotently and drops them with their tables only when cascading', async () => {
    const other = `${schema}_x`;
    await warehouse.createSchema(other);
    await warehouse.createSchema(other);
    await warehouse.execute(`CREATE TABLE ${warehouse.quoteIdent(other)}.a (id integer)`);
    await expect(warehouse.dropSchema(other)).rejects.toThrow();
    await warehouse.dropSchema(other, { cascade: true });
    expect(await warehouse.tableExists(other, 'a')).toBe(false);
    await warehouse.dropSchema(other, { cascade: true });
  });
});

describe('duckdb warehouse file', () => {
  it('defaults to warehouse.duckdb in the data dir, and keeps its tables across reopening', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sluice-warehouse-'));
    try {
      const first = await openDuckDbWarehouse({ dataDir: join(dataDir, 'nested') });
      await first.execute('CREATE TABLE kept AS SELECT 42 AS answer');
      await first.close();
      expect(existsSync(join(dataDir, 'nested', DEFAULT_DUCKDB_FILE))).toBe(true);
      const again = await openDuckDbWarehouse({ path: join(dataDir, 'nested', DEFAULT_DUCKDB_FILE) });
      expect(await again.query('SELECT answer FROM kept')).toEqual([{ answer: 42 }]);
      await again.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
