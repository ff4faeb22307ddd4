/**
 * The sandbox of pull-request sessions, checked on the real warehouses with the statements a hostile PR
 * would want to run. DuckDB: what the settings refuse (server files, extensions, changing the settings),
 * production read-only, one statement per call, the PR's schemas in a file of its own. PostgreSQL: the role
 * check at connect (superuser, the server-file roles directly or through membership, function grants),
 * one statement per call, and a least-privilege role that cannot read files.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDuckDbWarehouse } from '../../../src/adapters/warehouse/open-duckdb-warehouse.ts';
import { prEnvironmentPath } from '../../../src/adapters/warehouse/duckdb-pr-environment-path.ts';
import { openPostgresWarehouse } from '../../../src/adapters/warehouse/open-postgres-warehouse.ts';
import type { Failure } from '../../../src/core/outcome.ts';
import type { PullRequestWarehouse, Warehouse, WarehouseSession } from '../../../src/ports/warehouse.ts';
import { TEST_DATABASE_URL } from '../postgres-test-database.ts';
import { expectNoSecret, SECRET_FILE } from '../sql-engine/hostile-sql-kit.ts';

const PR = { repo: 'acme/analytics', number: 3 };

async function session(warehouse: Warehouse, pr = PR): Promise<PullRequestWarehouse> {
  const opened = await warehouse.openPullRequestSession(pr);
  if (!opened.ok) throw new Error(opened.message);
  return opened.value;
}

/** The error a statement fails with; fails the test when the statement runs. */
async function refusal(s: WarehouseSession, sql: string): Promise<string> {
  const error = await s.execute(sql).then(() => undefined, (e: unknown) => (e instanceof Error ? e.message : String(e)));
  expect(error, `${sql} ran`).toBeDefined();
  expectNoSecret(error ?? '');
  return error ?? '';
}

const FILES = 'file system operations are disabled by configuration';
const LOCKED = 'the configuration has been locked';

describe('a pull-request session on DuckDB', () => {
  let dir: string;
  let production: Warehouse;
  let pr: PullRequestWarehouse;
  const path = () => join(dir, 'warehouse.duckdb');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-sandbox-'));
    writeFileSync(join(dir, 'data.csv'), 'a,b\n1,2\n');
    production = await openDuckDbWarehouse({ path: path(), settings: { threads: '2', enable_external_access: 'true', lock_configuration: 'false' } });
    await production.execute('CREATE SCHEMA marts; CREATE TABLE marts.orders AS SELECT range AS id FROM range(5)');
    pr = await session(production);
  });
  afterEach(async () => {
    await pr.close();
    await production.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [`SELECT content FROM read_text('${SECRET_FILE}')`, FILES],
    [`SELECT to_base64(content::blob) FROM read_blob('${SECRET_FILE}')`, FILES],
    [`SELECT * FROM read_csv('${SECRET_FILE}')`, FILES],
    [`SELECT * FROM read_json('${SECRET_FILE}')`, FILES],
    [`SELECT * FROM sniff_csv('${SECRET_FILE}')`, FILES],
    ['SELECT * FROM glob(\'/etc/*\')', FILES],
    ['SELECT * FROM read_parquet(\'/tmp/any.parquet\')', FILES],
    ['COPY (SELECT 1) TO \'OUT/out.csv\'', FILES],
    ['EXPORT DATABASE \'OUT/export\'', FILES],
    ['ATTACH \'OUT/other.duckdb\' AS other', FILES],
    ['INSTALL httpfs', FILES],
    ['LOAD httpfs', 'Loading external extensions is disabled'],
    ['LOAD \'/tmp/any.duckdb_extension\'', 'Loading external extensions is disabled'],
    ['SET enable_external_access = true', LOCKED],
    ['RESET enable_external_access', LOCKED],
    ['SET lock_configuration = false', LOCKED],
    ['SET autoload_known_extensions = true', LOCKED],
    ['SET allowed_directories = [\'/etc\']', LOCKED],
    ['SET disabled_filesystems = \'\'', LOCKED],
  ])('refuses %s', async (statement, expected) => {
    const sql = statement.replaceAll('OUT', dir);
    expect(await refusal(pr, sql)).toContain(expected);
    expect(await refusal(pr, `SELECT content FROM read_text('${SECRET_FILE}')`)).toContain(FILES);
    expect(existsSync(join(dir, 'out.csv')) || existsSync(join(dir, 'export')) || existsSync(join(dir, 'other.duckdb'))).toBe(false);
  });

  it('reads a file named as a table no more than through a function', async () => {
    expect(await refusal(pr, `SELECT * FROM '${join(dir, 'data.csv')}'`)).toMatch(/does not exist|disabled by configuration/);
  });

  it('reads production but cannot write it', async () => {
    expect(await pr.query('SELECT count(*) AS n FROM marts.orders')).toEqual([{ n: 5 }]);
    for (const sql of ['CREATE TABLE marts.evil AS SELECT 1', 'INSERT INTO marts.orders VALUES (99)', 'DELETE FROM marts.orders', 'DROP TABLE marts.orders', 'CREATE SCHEMA evil']) {
      expect(await refusal(pr, sql)).toContain('read-only mode');
    }
    expect(await production.query('SELECT count(*) AS n FROM marts.orders')).toEqual([{ n: 5 }]);
    expect(await production.tableExists('marts', 'evil')).toBe(false);
  });

  it('runs one statement per call: a second one is refused with the first', async () => {
    expect(await refusal(pr, 'SELECT 1; DROP TABLE marts.orders')).toContain('Cannot prepare multiple statements at once');
    await expect(pr.query('SELECT 1 AS a; SELECT 2 AS b')).rejects.toThrow(/multiple statements/);
    expect(await production.tableExists('marts', 'orders')).toBe(true);
  });

  it('keeps the PR schemas in the PR\'s own file, found by their two-part names', async () => {
    await pr.createSchema('marts__pr_3');
    await pr.execute('CREATE TABLE "marts__pr_3"."orders" AS SELECT * FROM marts.orders WHERE id > 1');
    expect(await pr.query('SELECT count(*) AS n FROM marts__pr_3.orders')).toEqual([{ n: 3 }]);
    expect(await pr.tableExists('marts__pr_3', 'orders')).toBe(true);
    expect((await pr.listColumns('marts__pr_3', 'orders')).map((c) => c.name)).toEqual(['id']);
    const joined = await pr.transaction(async (tx) => {
      await tx.execute('CREATE TEMP TABLE both_sides AS SELECT a.id FROM marts.orders a JOIN marts__pr_3.orders b USING (id)');
      return tx.query('SELECT count(*) AS n FROM both_sides');
    });
    expect(joined).toEqual([{ n: 3 }]);
    expect(await production.tableExists('marts__pr_3', 'orders')).toBe(false);
    expect(existsSync(prEnvironmentPath(path(), PR))).toBe(true);

    const other = await session(production, { repo: 'acme/other', number: 3 });
    expect(await other.tableExists('marts__pr_3', 'orders')).toBe(false);
    await other.close();
    await pr.close();
    const again = await session(production);
    expect(await again.query('SELECT count(*) AS n FROM marts__pr_3.orders')).toEqual([{ n: 3 }]);
    await again.close();
    await production.dropPullRequestEnvironment(PR);
    await production.dropPullRequestEnvironment(PR);
    expect(existsSync(prEnvironmentPath(path(), PR))).toBe(false);
    pr = await session(production);
  });

  it('locks production\'s own connection too: apply needs no file outside the database', async () => {
    expect(await refusal(production, `SELECT content FROM read_text('${SECRET_FILE}')`)).toContain(FILES);
    expect(await refusal(production, `COPY marts.orders TO '${join(dir, 'out.csv')}'`)).toContain(FILES);
    expect(await refusal(production, 'SET enable_external_access = true')).toContain(LOCKED);
    await production.execute('CREATE TABLE marts.more AS SELECT * FROM range(100000)');
    expect(await production.tableExists('marts', 'more')).toBe(true);
  });

  it('refuses to open one on an in-memory warehouse', async () => {
    const memory = await openDuckDbWarehouse({ path: ':memory:' });
    const opened = await memory.openPullRequestSession(PR);
    await memory.close();
    expect(opened.ok === false && opened.code).toBe('target_unsafe');
  });
});

describe('a pull-request session on PostgreSQL', () => {
  const role = `sluice_sbx_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const helper = `${role}_files`;
  const database = new URL(TEST_DATABASE_URL).pathname.slice(1);
  const roleUrl = () => {
    const url = new URL(TEST_DATABASE_URL);
    url.username = role;
    url.password = role;
    return url.toString();
  };
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const openAs = async (url: string): Promise<{ warehouse: Warehouse; opened: Awaited<ReturnType<Warehouse['openPullRequestSession']>> }> => {
    const warehouse = await openPostgresWarehouse({ connectionString: url, maxConnections: 2 });
    return { warehouse, opened: await warehouse.openPullRequestSession(PR) };
  };
  const refusedAs = async (url: string): Promise<Failure> => {
    const { warehouse, opened } = await openAs(url);
    await warehouse.close();
    expect(opened.ok).toBe(false);
    return opened as Failure;
  };

  beforeAll(async () => {
    await admin(`CREATE ROLE ${role} LOGIN PASSWORD '${role}'`);
    await admin(`GRANT CONNECT, CREATE, TEMPORARY ON DATABASE ${database} TO ${role}`);
    await admin(`CREATE ROLE ${helper} NOLOGIN`);
  });
  afterAll(async () => {
    await admin(`DROP OWNED BY ${role}`);
    await admin(`DROP ROLE IF EXISTS ${role}`);
    await admin(`DROP ROLE IF EXISTS ${helper}`);
  });

  it('refuses the superuser, naming it', async () => {
    const failed = await refusedAs(TEST_DATABASE_URL);
    expect(failed.code).toBe('target_unsafe');
    expect(failed.message).toMatch(/^the warehouse role "[^"]+" is a superuser: pull-request SQL run as it could read the server's files; refusing to build$/);
  });

  it.each([
    ['pg_read_server_files', `GRANT pg_read_server_files TO ${role}`, `REVOKE pg_read_server_files FROM ${role}`, 'holds pg_read_server_files'],
    ['pg_write_server_files', `GRANT pg_write_server_files TO ${role}`, `REVOKE pg_write_server_files FROM ${role}`, 'holds pg_write_server_files'],
    ['pg_execute_server_program', `GRANT pg_execute_server_program TO ${role}`, `REVOKE pg_execute_server_program FROM ${role}`, 'holds pg_execute_server_program'],
    ['pg_read_server_files through a role', `GRANT pg_read_server_files TO ${helper}; GRANT ${helper} TO ${role}`, `REVOKE ${helper} FROM ${role}; REVOKE pg_read_server_files FROM ${helper}`, 'holds pg_read_server_files (through a role it belongs to)'],
    ['a grant of pg_read_file', `GRANT EXECUTE ON FUNCTION pg_read_file(text) TO ${role}`, `REVOKE EXECUTE ON FUNCTION pg_read_file(text) FROM ${role}`, 'may execute pg_read_file()'],
    ['membership in a superuser role', `GRANT postgres TO ${role}`, `REVOKE postgres FROM ${role}`, 'can become the superuser "postgres"'],
  ])('refuses a role with %s, naming it and the role', async (_, grant, revoke, said) => {
    await admin(grant);
    try {
      const failed = await refusedAs(roleUrl());
      expect(failed.message).toBe(`the warehouse role "${role}" ${said}: pull-request SQL run as it could read the server's files; refusing to build`);
      expect(failed.hint).toContain('docs/warehouse-role.md');
    } finally {
      await admin(revoke);
    }
  });

  it('opens one for a least-privilege role, which reads no file and runs one statement per call', async () => {
    const { warehouse, opened } = await openAs(roleUrl());
    try {
      if (!opened.ok) throw new Error(opened.message);
      const s = opened.value;
      expect(await s.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect(await refusal(s, `SELECT pg_read_file('${SECRET_FILE}')`)).toContain('permission denied for function pg_read_file');
      expect(await refusal(s, `SELECT lo_import('${SECRET_FILE}')`)).toContain('permission denied for function lo_import');
      expect(await refusal(s, `COPY (SELECT 1) TO '/tmp/${role}.csv'`)).toMatch(/permission denied|must be superuser|pg_write_server_files/);
      expect(await refusal(s, 'SELECT 1; SELECT 2')).toContain('cannot insert multiple commands into a prepared statement');
      await s.close();
    } finally {
      await warehouse.close();
    }
  });
});
