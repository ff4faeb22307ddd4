import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlParser } from '../../../src/engines/sql/parse/sql-parser.ts';
import type { SqlParser } from '../../../src/engines/sql/parse/sql-parser.ts';
import type { ParsedSql } from '../../../src/engines/sql/parse/query-shape.ts';

let parser: SqlParser;
beforeAll(async () => {
  parser = await createSqlParser();
});
afterAll(() => parser.close());

async function parse(sql: string): Promise<ParsedSql> {
  const [parsed] = await parser.parse([sql]);
  if (parsed === undefined) throw new Error('no result');
  return parsed;
}

async function tables(sql: string): Promise<string[]> {
  const parsed = await parse(sql);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.tables.map((t) => t.name);
}

describe('parsing model SQL with DuckDB', () => {
  it('finds the tables of joins and schema-qualified names, lower-cased, once each', async () => {
    expect(await tables('select * from Staging.Orders o join staging.customers c on c.id = o.cid left join raw.x using (id) join staging.orders o2 using (id)'))
      .toEqual(['staging.orders', 'staging.customers', 'raw.x']);
  });

  it('does not take a CTE for a table, even when CTEs read each other', async () => {
    const sql = 'with a as (select * from raw.orders), b as (select * from a join raw.customers using (id)) select * from b';
    expect(await tables(sql)).toEqual(['raw.orders', 'raw.customers']);
  });

  it('finds tables in subqueries: FROM, scalar, IN and EXISTS', async () => {
    const sql = `select (select max(x) from s.scalar_t) as m
      from (select * from s.from_t) f
      where f.id in (select id from s.in_t) and exists (select 1 from s.exists_t e where e.id = f.id)`;
    expect((await tables(sql)).sort()).toEqual(['s.exists_t', 's.from_t', 's.in_t', 's.scalar_t']);
  });

  it('locates each table where it is named (line and column)', async () => {
    const parsed = await parse('select *\nfrom raw.orders o\n  join   staging.customers c on c.id = o.cid');
    expect(parsed.ok && parsed.tables).toEqual([
      { name: 'raw.orders', line: 2, column: 6 },
      { name: 'staging.customers', line: 3, column: 10 },
    ]);
  });

  it('counts columns in characters, not bytes, after non-ASCII text', async () => {
    const parsed = await parse("select 'déjà vu' as note\nfrom raw.notes");
    expect(parsed.ok && parsed.tables).toEqual([{ name: 'raw.notes', line: 2, column: 6 }]);
    const inline = await parse("select 'é' as e from raw.x");
    expect(inline.ok && inline.tables).toEqual([{ name: 'raw.x', line: 1, column: 22 }]);
  });

  it('reports a syntax error at its line and column', async () => {
    expect(await parse('select a,\n  b\nfrom t where')).toEqual({ ok: false, message: 'Parser Error: syntax error at end of input', line: 3, column: 13 });
    expect(await parse('select a from t where a = = 1')).toMatchObject({ ok: false, line: 1, column: 27 });
  });

  it('accepts exactly one SELECT', async () => {
    expect(await parse('select 1; select 2')).toMatchObject({ ok: false, message: 'a model is one SELECT statement; found 2' });
    expect(await parse('create table t as select 1')).toMatchObject({ ok: false, message: 'a model is one SELECT statement' });
  });

  it('gives the same fingerprint to the same query however it is formatted or commented', async () => {
    const [a, b, c] = await parser.parse([
      'select a, b from t where x = 1',
      '-- the same\nSELECT a,\n       b   /* two columns */\nFROM t\nWHERE x = 1\n',
      'select a, b from t where x = 2',
    ]);
    expect(a?.ok && b?.ok && a.fingerprint === b.fingerprint).toBe(true);
    expect(a?.ok && c?.ok && a.fingerprint === c.fingerprint).toBe(false);
  });

  it('outlines outputs with names, casts and star items', async () => {
    const parsed = await parse('select o.id, amount::decimal(10,2) as amount, count(*), t.* exclude (secret) from s.o join s.t t using (id)');
    expect(parsed.ok && parsed.shape.outputs.map((o) => [o.name, o.cast ?? null, o.star ?? null])).toEqual([
      ['id', null, null],
      ['amount', 'DECIMAL(10,2)', null],
      ['column 3', null, null],
      ['t.*', null, { relation: 't', exclude: ['secret'] }],
    ]);
  });
});
