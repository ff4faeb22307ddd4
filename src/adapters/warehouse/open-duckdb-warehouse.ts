/**
 * The embedded default warehouse: a DuckDB database file (or `:memory:`).
 * Each call runs on its own short-lived connection to one shared instance, so calls may overlap;
 * `transaction` keeps one connection for all of its statements (temporary tables live as long as it).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { ExecuteOptions, Warehouse, WarehouseColumn, WarehouseParam, WarehouseRow, WarehouseSession } from '../../ports/warehouse.ts';
import { normalizeColumnType } from './normalize-column-type.ts';
import { quoteIdent } from './quote-ident.ts';
import { readRows } from './duckdb-rows.ts';

export type DuckDbWarehouseOptions = {
  /** A database file, or `:memory:`. Defaults to `<dataDir>/warehouse.duckdb`. */
  path?: string;
  dataDir?: string;
  /** DuckDB settings, e.g. `{ threads: '2', memory_limit: '2GB' }`. */
  settings?: Record<string, string>;
};

export const DEFAULT_DUCKDB_FILE = 'warehouse.duckdb';

export async function openDuckDbWarehouse(options: DuckDbWarehouseOptions = {}): Promise<Warehouse> {
  const path = options.path ?? join(options.dataDir ?? 'data', DEFAULT_DUCKDB_FILE);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(path, options.settings);
  const withConnection = async <T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> => {
    const connection = await instance.connect();
    try {
      return await fn(connection);
    } finally {
      connection.disconnectSync();
    }
  };
  const session: WarehouseSession = {
    dialect: 'duckdb',
    query: (sql, params) => withConnection((c) => queryOn(c, sql, params)),
    execute: (sql, params, options) => withConnection((c) => executeOn(c, sql, params, options)),
  };
  return {
    ...session,
    transaction: (fn) => withConnection((c) => inTransaction(c, fn)),
    quoteIdent,
    listColumns: (schema, table) => withConnection((c) => listColumns(c, schema, table)),
    tableExists: async (schema, table) => (await session.query(TABLE_EXISTS_SQL, [schema, table])).length > 0,
    createSchema: (schema) => session.execute(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`),
    dropSchema: (schema, opts = {}) => session.execute(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)}${opts.cascade ? ' CASCADE' : ''}`),
    close: async () => instance.closeSync(),
  };
}

function toValues(params: readonly WarehouseParam[] | undefined): DuckDBValue[] | undefined {
  return params && params.length > 0 ? [...params] : undefined;
}

async function queryOn(c: DuckDBConnection, sql: string, params?: readonly WarehouseParam[]): Promise<WarehouseRow[]> {
  return readRows(await c.runAndReadAll(sql, toValues(params)));
}

/** Runs the statement; an abort of `options.signal` interrupts it (DuckDB then rolls the statement back). */
async function executeOn(c: DuckDBConnection, sql: string, params?: readonly WarehouseParam[], options: ExecuteOptions = {}): Promise<void> {
  const { signal } = options;
  signal?.throwIfAborted();
  const interrupt = () => c.interrupt();
  signal?.addEventListener('abort', interrupt, { once: true });
  try {
    await c.run(sql, toValues(params));
  } finally {
    signal?.removeEventListener('abort', interrupt);
  }
}

async function inTransaction<T>(c: DuckDBConnection, fn: (tx: WarehouseSession) => Promise<T>): Promise<T> {
  const tx: WarehouseSession = {
    dialect: 'duckdb',
    query: (sql, params) => queryOn(c, sql, params),
    execute: (sql, params, options) => executeOn(c, sql, params, options),
  };
  await c.run('BEGIN TRANSACTION');
  try {
    const result = await fn(tx);
    await c.run('COMMIT');
    return result;
  } catch (error) {
    // A failed statement may already have aborted the transaction; the rollback then has nothing to undo.
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

const TABLE_EXISTS_SQL = `
SELECT 1 FROM information_schema.tables
WHERE table_catalog = current_database() AND table_schema = $1 AND table_name = $2`;

const COLUMNS_SQL = `
SELECT column_name AS name, data_type AS type, is_nullable AS nullable
FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = $1 AND table_name = $2
ORDER BY column_index`;

async function listColumns(c: DuckDBConnection, schema: string, table: string): Promise<WarehouseColumn[]> {
  const rows = await queryOn(c, COLUMNS_SQL, [schema, table]);
  return rows.map((row) => ({ name: String(row['name']), ...normalizeColumnType(String(row['type'])), nullable: row['nullable'] === true }));
}
