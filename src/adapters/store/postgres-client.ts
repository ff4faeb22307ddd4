/** Pool, transactions and schema creation for the PostgreSQL state store. */
import pg from 'pg';
import { POSTGRES_SCHEMA } from './postgres-schema.ts';
import type { Row, SqlValue } from './store-rows.ts';

/** What a store method needs of a connection: a query returning rows and the affected row count. */
export type Queryable = {
  query(sql: string, params?: readonly (SqlValue | readonly SqlValue[])[]): Promise<{ rows: Row[]; rowCount: number | null }>;
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}: use lower-case letters, digits and _`);
  return schema;
}

/** A pool whose connections all resolve unqualified table names in `schema`. */
export function createPool(options: { connectionString: string; schema: string; maxConnections: number }): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections,
    options: `-c search_path=${assertSchemaName(options.schema)}`,
  });
  // An idle connection the server dropped: the pool discards it and the next query opens a new one.
  // Without a listener the 'error' event would crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `fn` in one transaction on one pooled connection; rolls back on error. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Creates the schema and its tables when missing. Serialized by an advisory lock so that several replicas
 * starting at once do not race on `CREATE ... IF NOT EXISTS` (which is not safe under concurrency).
 */
export async function migrate(pool: pg.Pool, schema: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('sluice.migrate'))");
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${assertSchemaName(schema)}`);
    await client.query(POSTGRES_SCHEMA);
  });
}

/** SQLSTATE of a driver error, e.g. `23505` for a unique violation. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
