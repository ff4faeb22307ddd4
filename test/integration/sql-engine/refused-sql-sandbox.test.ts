/** The parser's check of pull-request SQL (`findRefusedSql` over DuckDB's parse tree), and the leak detector the hostile tests rely on. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findRefusedSql } from '../../../src/engines/sql/parse/find-refused-sql.ts';
import { serializeSql } from '../../../src/engines/sql/parse/serialize-sql.ts';
import { expectNoSecret, SECRET_FILE } from './hostile-sql-kit.ts';

async function refused(sql: string): Promise<string[]> {
  const [root] = await serializeSql([sql]);
  return findRefusedSql(sql, root).map((r) => `${r.line}:${r.column} ${r.what}: ${r.why}`);
}

const READS = 'reading server files is not allowed in a pull-request build';

describe('the check of pull-request SQL', () => {
  it.each([
    ['select * from read_text(\'/etc/passwd\')', [`1:15 read_text: ${READS}`]],
    ['SELECT * FROM READ_PARQUET(\'x.parquet\')', [`1:15 read_parquet: ${READS}`]],
    ['select * from "read_json_auto"(\'x\')', [`1:15 read_json_auto: ${READS}`]],
    ['select * from system.main.read_csv_auto(\'x\')', [`1:15 read_csv_auto: ${READS}`]],
    ['select list_transform([\'/etc/passwd\'], p -> pg_read_file(p)) as v', [`1:45 pg_read_file: ${READS}`]],
    ['select row_number() over () as n, x from (select 1 as x) t where exists (select 1 from glob(\'/*\'))', [`1:88 glob: ${READS}`]],
    ['select * from parquet_scan(\'x\') a join sniff_csv(\'y\') b on true', [`1:15 parquet_scan: ${READS}`, `1:40 sniff_csv: ${READS}`]],
    ['select * from \'data.csv\'', [`1:15 'data.csv': ${READS}`]],
    ['select * from "/etc/passwd"', [`1:15 '/etc/passwd': ${READS}`]],
    ['select lo_export(lo_from_bytea(0, \'x\'), \'/tmp/x\')', ['1:8 lo_export: writing server files is not allowed in a pull-request build', "1:18 lo_from_bytea: changing the warehouse's state is not allowed in a pull-request build"]],
    ['select set_config(\'role\', \'postgres\', false)', ["1:8 set_config: changing the warehouse's state is not allowed in a pull-request build"]],
    ['select nextval(\'s\')', ["1:8 nextval: changing the warehouse's state is not allowed in a pull-request build"]],
    ['select * from query_table(\'t\')', ['1:15 query_table: running SQL held in a string is not allowed in a pull-request build']],
    ['select * from dblink(\'host=x\', \'select 1\') as t(a int)', ['1:15 dblink: connecting to other databases or servers is not allowed in a pull-request build']],
    ['select * from duckdb_secrets()', ["1:15 duckdb_secrets: reading the warehouse's secrets is not allowed in a pull-request build"]],
    ['select 1; select 2', ['1:1 the statement: only one SELECT statement may run in a pull-request build; found 2']],
  ] as const)('refuses %s', async (sql, expected) => {
    expect(await refused(sql)).toEqual(expected);
  });

  it('locates a refused call on a later line, in characters', async () => {
    expect(await refused('select\n  \'é\' as e,\n  x.content\nfrom read_text(\'/etc/passwd\') x')).toEqual([`4:6 read_text: ${READS}`]);
  });

  it('refuses a statement that is not a SELECT, with the parser\'s reason', async () => {
    const [first] = await refused(`COPY (select 1) TO '/tmp/x.csv'`);
    expect(first).toMatch(/^1:1 the statement: only one SELECT statement may run in a pull-request build \(.+\)$/);
    expect(await refused('select from where')).toEqual([expect.stringMatching(/^1:\d+ the statement: only one SELECT statement may run in a pull-request build \(syntax error/)]);
  });

  it('lets ordinary SQL run: tables, aggregates, windows, encodings, series, unnest', async () => {
    const sql = `with o as (select * from marts.orders)
      select o.id, sum(o.amount) over (partition by o.customer_id) as s, to_base64(o.payload::blob) as b, hex(o.id) as h,
        coalesce(o.note, '') as n, x.i
      from o, range(3) x(i), unnest([1, 2]) u(v), generate_series(1, 2) g
      where o.path not like '/etc/%'`;
    expect(await refused(sql)).toEqual([]);
  });
});

describe('the leak detector of the hostile tests', () => {
  const content = readFileSync(SECRET_FILE);
  it.each([
    ['plain', content.toString('utf8')],
    ['hex', content.toString('hex')],
    ['HEX', content.toString('hex').toUpperCase()],
    ['base64', content.toString('base64')],
    ['base64 of the file from its second byte', content.subarray(1).toString('base64')],
    ['base64 of the file from its third byte', content.subarray(2).toString('base64')],
    ['JSON', JSON.stringify({ v: content.toString('utf8') })],
  ])('finds the file in %s', (_, text) => {
    expect(() => expectNoSecret(`sample rows: ${text}`)).toThrow();
  });

  it('finds nothing in a text without it', () => {
    expect(() => expectNoSecret(`reading ${SECRET_FILE} is not allowed`)).not.toThrow();
  });
});
