/**
 * A hostile pull request's SQL, through the sql engine's plan, on DuckDB and PostgreSQL: models (with a
 * grain, so a build would reach the diff's sample rows) and SQL tests that read the server's files. The
 * parser refuses each before anything runs, at the call; what it cannot see (a production macro or
 * function that reads files) the warehouse refuses; nothing of the file reaches the plan in any encoding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFailure, type Failure } from '../../../src/core/outcome.ts';
import type { PlanBody } from '../../../src/core/plan.ts';
import { createSqlEngine } from '../../../src/engines/sql/create-sql-engine.ts';
import { openTargetWarehouse } from '../../../src/main/open-target-warehouse.ts';
import type { ProjectEngine } from '../../../src/ports/project-engine.ts';
import { renderFailure } from '../../../src/render/render-failure.ts';
import { expectNoSecret, SECRET_FILE } from './hostile-sql-kit.ts';
import { checkout, createSqlWarehouse, deployMain, engineContext, expectBody, NOW, seedSources, withPrSession, type OwnedSqlWarehouse } from './sql-engine-kit.ts';

const MODEL = 'models/marts/hostile.sql';
const FILE = `shop/${MODEL}`;
const READS = 'reading server files is not allowed in a pull-request build';

/** Hostile selects, the call refused (and where the plan points, when it is not the call's name), and why. */
const REFUSED: readonly { sql: string; call: string; at?: string; why: string }[] = [
  { sql: `select 2 as id, content as v from read_text('${SECRET_FILE}')`, call: 'read_text', why: READS },
  { sql: `select 2 as id, to_base64(content::blob) as v from read_text('${SECRET_FILE}')`, call: 'read_text', why: READS },
  { sql: `select 2 as id, hex(content) as v from read_text('${SECRET_FILE}')`, call: 'read_text', why: READS },
  { sql: `with f as (select * from read_blob('${SECRET_FILE}'))\nselect 2 as id, (select to_base64(content) from f) as v`, call: 'read_blob', why: READS },
  { sql: `select 2 as id, column0 as v from main.read_csv('${SECRET_FILE}', sep = '|', header = false)`, call: 'read_csv', at: 'main.read_csv', why: READS },
  { sql: `select 2 as id, file as v from glob('/etc/*')`, call: 'glob', why: READS },
  { sql: `select 2 as id, v from query('select content as v from read_text(''${SECRET_FILE}'')')`, call: 'query', why: 'running SQL held in a string is not allowed in a pull-request build' },
  { sql: `select 2 as id, pg_read_file('${SECRET_FILE}') as v`, call: 'pg_read_file', why: READS },
  { sql: `select 2 as id, encode(pg_read_binary_file('${SECRET_FILE}'), 'base64') as v`, call: 'pg_read_binary_file', why: READS },
  { sql: `select 2 as id, encode(lo_get(lo_import('${SECRET_FILE}')), 'hex') as v`, call: 'lo_get', why: "changing the warehouse's state is not allowed in a pull-request build" },
];

function locate(sql: string, call: string): { line: number; column: number } {
  const at = sql.indexOf(call);
  const before = sql.slice(0, at).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

function expectRefused(result: PlanBody | Failure): Failure {
  expect(isFailure(result)).toBe(true);
  const failed = result as Failure;
  expectNoSecret(JSON.stringify(failed));
  expectNoSecret(renderFailure(failed, { title: 'shop: plan failed' }));
  return failed;
}

describe.each(['duckdb', 'postgres'] as const)('hostile pull-request SQL on %s', (dialect) => {
  let wh: OwnedSqlWarehouse;
  let engine: ProjectEngine;
  const base = checkout();
  let pr = 100;
  const planHostile = async (sql: string, yaml = 'grain: [id]\n') => {
    const head = checkout();
    head.write(MODEL, `${sql}\n`);
    head.write('models/marts/hostile.yaml', yaml);
    const number = ++pr;
    try {
      return { number, result: await engine.plan(engineContext({ target: wh.target, baseDir: base.dir, headDir: head.dir, pr: number })) };
    } finally {
      head.cleanup();
    }
  };

  beforeAll(async () => {
    wh = await createSqlWarehouse(dialect);
    engine = createSqlEngine({ openWarehouse: wh.open, clock: { now: () => NOW } });
    const w = await wh.open(wh.target);
    await seedSources(w).finally(() => w.close());
    await deployMain(engine, wh.target);
    // Production's own helper that reads files: the parser cannot see into it, the warehouse must refuse it.
    await wh.asOwner(dialect === 'duckdb'
      ? 'CREATE MACRO raw.peek(p) AS TABLE SELECT content FROM read_text(p)'
      : 'CREATE FUNCTION raw.peek(p text) RETURNS TABLE (content text) LANGUAGE sql AS $$ SELECT pg_read_file(p) $$');
  });
  afterAll(async () => {
    await wh.cleanup();
    base.cleanup();
  });

  it.each(REFUSED)('refuses $call before anything runs, at the call: $sql', async ({ sql, call, at, why }) => {
    const { number, result } = await planHostile(sql);
    const failed = expectRefused(result);
    const where = locate(sql, at ?? call);
    expect(failed.code).toBe('engine_failed');
    expect(failed.message).toBe(`building marts.hostile: ${call}: ${why}`);
    expect(failed.location).toEqual({ file: FILE, ...where });
    expect(renderFailure(failed, { title: 'shop: plan failed' })).toContain(`at \`${FILE}:${where.line}:${where.column}\``);
    expect(await withPrSession(wh, async (s) => s.tableExists(`marts__pr_${number}`, 'hostile'), { number })).toBe(false);
  });

  it('lists every refused call of a model and of the SQL tests, each at its place', async () => {
    const sql = `select 2 as id, (select content from read_text('${SECRET_FILE}')) as v, pg_read_file('/etc/shadow') as w`;
    const yaml = `grain: [id]\ntests:\n  - not_null: [id]\n  - sql: select content from read_text('${SECRET_FILE}')\n`;
    const failed = expectRefused((await planHostile(sql, yaml)).result);
    expect(failed.problems).toEqual([
      { message: `building marts.hostile: read_text: ${READS}`, location: { file: FILE, ...locate(sql, 'read_text') } },
      { message: `building marts.hostile: pg_read_file: ${READS}`, location: { file: FILE, ...locate(sql, 'pg_read_file') } },
      { message: `testing marts.hostile: sql(marts.hostile): read_text at line 1, column 21 of its SQL: ${READS}`, location: { file: 'shop/models/marts/hostile.yaml', line: 4, column: 5 } },
    ]);
  });

  it('refuses a SQL test that reads files, though the model is harmless: the test never runs', async () => {
    const yaml = `grain: [id]\ntests:\n  - sql: select to_base64(content::blob) as leak from read_text('${SECRET_FILE}')\n    name: leaky\n`;
    const failed = expectRefused((await planHostile('select 2 as id, 1 as v', yaml)).result);
    expect(failed.message).toBe(`testing marts.hostile: leaky: read_text at line 1, column 46 of its SQL: ${READS}`);
    expect(failed.location).toEqual({ file: 'shop/models/marts/hostile.yaml', line: 3, column: 5 });
  });

  it('refuses a SQL test that is more than one SELECT statement', async () => {
    const yaml = 'grain: [id]\ntests:\n  - sql: select 1 where false; drop table marts.orders\n';
    const failed = expectRefused((await planHostile('select 2 as id, 1 as v', yaml)).result);
    expect(failed.message).toMatch(/^testing marts\.hostile: sql\(marts\.hostile\): the statement at line 1, column 1 of its SQL: only one SELECT statement may run in a pull-request build/);
  });

  it.each([
    { label: 'plain', select: 'content' },
    { label: 'base64', select: dialect === 'duckdb' ? 'to_base64(content::blob)' : "encode(convert_to(content, 'UTF8'), 'base64')" },
    { label: 'hex', select: dialect === 'duckdb' ? 'hex(content)' : "encode(convert_to(content, 'UTF8'), 'hex')" },
  ])('refuses what the parser cannot see in the warehouse ($label): a production helper that reads files', async ({ select }) => {
    const sql = `select 2 as id, ${select} as v from raw.peek('${SECRET_FILE}')`;
    const failed = expectRefused((await planHostile(sql)).result);
    if (dialect === 'duckdb') {
      expect(failed.message).toBe(`building marts.hostile: Permission Error: Cannot access file "${SECRET_FILE}" - file system operations are disabled by configuration`);
      expect(failed.location).toEqual({ file: FILE, ...locate(sql, 'raw.peek') });
    } else {
      expect(failed.message).toBe('building marts.hostile: permission denied for function pg_read_file');
      expect(failed.location).toEqual({ file: FILE, ...locate(sql, 'peek') });
    }
  });

  it('refuses a table named like a file (DuckDB would read it): it is no model or source', async () => {
    const sql = `select 2 as id, * from '${SECRET_FILE}'`;
    const failed = expectRefused((await planHostile(sql)).result);
    expect(failed.message).toContain(`unknown table ${SECRET_FILE}`);
    expect(failed.location).toMatchObject({ file: FILE, line: 1 });
  });

  it('builds, tests and diffs a harmless model with a grain: the sandbox leaves ordinary SQL alone', async () => {
    const body = expectBody((await planHostile('select o.order_id as id, o.amount as v from marts.orders o')).result);
    expect(body.summary.headline).toBe('1 added');
  });

  it.runIf(dialect === 'postgres')('refuses to build when the target connects as a superuser, naming the role', async () => {
    const open = openTargetWarehouse({ dataDir: wh.dataDir, env: { SQL_TEST_URL: wh.ownerUrl ?? '' } });
    const superuser = createSqlEngine({ openWarehouse: open, clock: { now: () => NOW } });
    const head = checkout();
    head.write(MODEL, `select 2 as id, content as v from raw.peek('${SECRET_FILE}')\n`);
    const result = await superuser.plan(engineContext({ target: wh.target, baseDir: base.dir, headDir: head.dir, pr: 99 }));
    head.cleanup();
    const failed = expectRefused(result);
    expect(failed.code).toBe('target_unsafe');
    expect(failed.message).toBe('the warehouse role "postgres" is a superuser: pull-request SQL run as it could read the server\'s files; refusing to build');
    expect(failed.hint).toContain('docs/warehouse-role.md');
  });

  it.runIf(dialect === 'postgres')('refuses to build when the role may read server files, naming the privilege', async () => {
    await wh.asOwner(`GRANT pg_read_server_files TO ${wh.role}`);
    try {
      const failed = expectRefused((await planHostile(`select 2 as id, pg_read_file('${SECRET_FILE}') as v`)).result);
      expect(failed.code).toBe('target_unsafe');
      expect(failed.message).toBe(`the warehouse role "${wh.role}" holds pg_read_server_files: pull-request SQL run as it could read the server's files; refusing to build`);
    } finally {
      await wh.asOwner(`REVOKE pg_read_server_files FROM ${wh.role}`);
    }
  });
});
