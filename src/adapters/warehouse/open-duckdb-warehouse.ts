/**
 * The embedded default warehouse: a DuckDB database file (or `:memory:`), as production.
 * Each call runs on its own short-lived connection to one shared instance, so calls may overlap;
 * `transaction` keeps one connection for all of its statements (temporary tables live as long as it).
 * The instance reads no server files, loads no extension and cannot `SET` that back (duckdb-lockdown.ts):
 * applying models needs none of it. Pull-request SQL runs elsewhere: `openPullRequestSession` opens a
 * read-only instance of the same file (open-duckdb-pr-session.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { failure, ok } from '../../core/outcome.ts';
import type { Warehouse, WarehouseSession } from '../../ports/warehouse.ts';
import { DUCKDB_DIALECT } from './duckdb-dialect.ts';
import { executeOn, inTransaction, listColumnsOn, queryOn, tableExistsOn } from './duckdb-statements.ts';
import { LOCKED_AT_START } from './duckdb-lockdown.ts';
import { databaseFiles, prEnvironmentPath } from './duckdb-pr-environment-path.ts';
import { openDuckDbPrSession } from './open-duckdb-pr-session.ts';
import { quoteIdent } from './quote-ident.ts';

export type DuckDbWarehouseOptions = {
  /** A database file, or `:memory:`. Defaults to `<dataDir>/warehouse.duckdb`. */
  path?: string;
  dataDir?: string;
  /** DuckDB settings, e.g. `{ threads: '2', memory_limit: '2GB' }` (also used by pull-request sessions). */
  settings?: Record<string, string>;
};

export const DEFAULT_DUCKDB_FILE = 'warehouse.duckdb';

const MANY = { single: false } as const;

export async function openDuckDbWarehouse(options: DuckDbWarehouseOptions = {}): Promise<Warehouse> {
  const given = options.path ?? join(options.dataDir ?? 'data', DEFAULT_DUCKDB_FILE);
  const path = given === ':memory:' ? given : resolve(given);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(path, { ...options.settings, ...LOCKED_AT_START });
  const withConnection = async <T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> => {
    const connection = await instance.connect();
    try {
      return await fn(connection);
    } finally {
      connection.disconnectSync();
    }
  };
  const session: WarehouseSession = {
    dialect: DUCKDB_DIALECT.name,
    query: (sql, params) => withConnection((c) => queryOn(c, MANY, sql, params)),
    execute: (sql, params, opts) => withConnection((c) => executeOn(c, MANY, sql, params, opts)),
  };
  return {
    ...session,
    transaction: (fn) => withConnection((c) => inTransaction(c, MANY, fn)),
    sqlDialect: DUCKDB_DIALECT,
    quoteIdent,
    listColumns: (schema, table) => withConnection((c) => listColumnsOn(c, { schema, table })),
    tableExists: (schema, table) => withConnection((c) => tableExistsOn(c, { schema, table })),
    createSchema: (schema) => session.execute(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`),
    dropSchema: (schema, opts = {}) => session.execute(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)}${opts.cascade ? ' CASCADE' : ''}`),
    openPullRequestSession: async (pr) => {
      if (path === ':memory:') {
        return failure('target_unsafe', 'an in-memory DuckDB warehouse cannot run pull-request SQL: it needs a database file to open read-only beside production');
      }
      // Best effort: what this instance committed goes from its WAL into the file before another instance reads
      // it. The read-only instance replays a WAL it finds, so a checkpoint refused (another transaction) is fine.
      await session.execute('CHECKPOINT').catch(() => undefined);
      return ok(await openDuckDbPrSession({ productionPath: path, pr, ...(options.settings ? { settings: options.settings } : {}) }));
    },
    dropPullRequestEnvironment: async (pr) => {
      if (path === ':memory:') return;
      for (const file of databaseFiles(prEnvironmentPath(path, pr))) rmSync(file, { force: true });
    },
    close: async () => instance.closeSync(),
  };
}
