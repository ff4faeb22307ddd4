/**
 * Running statements on one DuckDB connection, shared by production's warehouse and a pull request's
 * session. A session in `single` mode prepares each text, so it runs exactly one statement (DuckDB refuses
 * to prepare several at once): SQL a pull request wrote cannot smuggle a second statement in.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { ExecuteOptions, WarehouseColumn, WarehouseParam, WarehouseRow, WarehouseSession } from '../../ports/warehouse.ts';
import { DUCKDB_DIALECT } from './duckdb-dialect.ts';
import { readRows } from './duckdb-rows.ts';
import { normalizeColumnType } from './normalize-column-type.ts';

export type StatementMode = { readonly single: boolean };

function toValues(params: readonly WarehouseParam[] | undefined): DuckDBValue[] | undefined {
  return params && params.length > 0 ? [...params] : undefined;
}

export async function queryOn(c: DuckDBConnection, mode: StatementMode, sql: string, params?: readonly WarehouseParam[]): Promise<WarehouseRow[]> {
  if (!mode.single) return readRows(await c.runAndReadAll(sql, toValues(params)));
  const prepared = await c.prepare(sql);
  try {
    const values = toValues(params);
    if (values !== undefined) prepared.bind(values);
    return readRows(await prepared.runAndReadAll());
  } finally {
    prepared.destroySync();
  }
}

/** Runs the statement; an abort of `options.signal` interrupts it (DuckDB then rolls the statement back). */
export async function executeOn(c: DuckDBConnection, mode: StatementMode, sql: string, params?: readonly WarehouseParam[], options: ExecuteOptions = {}): Promise<void> {
  const { signal } = options;
  signal?.throwIfAborted();
  const interrupt = () => c.interrupt();
  signal?.addEventListener('abort', interrupt, { once: true });
  try {
    if (mode.single) await queryOn(c, mode, sql, params);
    else await c.run(sql, toValues(params));
  } finally {
    signal?.removeEventListener('abort', interrupt);
  }
}

export function sessionOn(c: DuckDBConnection, mode: StatementMode): WarehouseSession {
  return {
    dialect: DUCKDB_DIALECT.name,
    query: (sql, params) => queryOn(c, mode, sql, params),
    execute: (sql, params, options) => executeOn(c, mode, sql, params, options),
  };
}

export async function inTransaction<T>(c: DuckDBConnection, mode: StatementMode, fn: (tx: WarehouseSession) => Promise<T>): Promise<T> {
  await c.run('BEGIN TRANSACTION');
  try {
    const result = await fn(sessionOn(c, mode));
    await c.run('COMMIT');
    return result;
  } catch (error) {
    // A failed statement may already have aborted the transaction; the rollback then has nothing to undo.
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** A table or view in a given catalog (database): DuckDB's `current_database()` unless the PR's own. */
export type CatalogTable = { readonly catalog?: string; readonly schema: string; readonly table: string };

const TABLE_EXISTS_SQL = `
SELECT 1 FROM information_schema.tables
WHERE table_catalog = coalesce($1, current_database()) AND table_schema = $2 AND table_name = $3`;

const COLUMNS_SQL = `
SELECT column_name AS name, data_type AS type, is_nullable AS nullable
FROM duckdb_columns()
WHERE database_name = coalesce($1, current_database()) AND schema_name = $2 AND table_name = $3
ORDER BY column_index`;

export async function tableExistsOn(c: DuckDBConnection, at: CatalogTable): Promise<boolean> {
  return (await queryOn(c, { single: true }, TABLE_EXISTS_SQL, [at.catalog ?? null, at.schema, at.table])).length > 0;
}

export async function listColumnsOn(c: DuckDBConnection, at: CatalogTable): Promise<WarehouseColumn[]> {
  const rows = await queryOn(c, { single: true }, COLUMNS_SQL, [at.catalog ?? null, at.schema, at.table]);
  return rows.map((row) => ({ name: String(row['name']), ...normalizeColumnType(String(row['type'])), nullable: row['nullable'] === true }));
}
