/**
 * A PostgreSQL warehouse over a `pg` pool. Values are normalized as the port describes, with type parsers
 * set on this pool only (never on the global `pg.types`). A pull-request session gets a pool of its own
 * once the role passed `checkPostgresRole`; its statements go through the extended protocol, which runs
 * exactly one statement per call. Its PR schemas sit beside production, in the same database.
 */
import pg from 'pg';
import { ok } from '../../core/outcome.ts';
import type { PullRequestWarehouse, Warehouse, WarehouseColumn, WarehouseHandle, WarehouseParam, WarehouseRow, WarehouseSession } from '../../ports/warehouse.ts';
import { checkPostgresRole } from './check-postgres-role.ts';
import { POSTGRES_DIALECT } from './postgres-dialect.ts';
import { normalizeColumnType } from './normalize-column-type.ts';
import { quoteIdent } from './quote-ident.ts';
import { safeIntegerOrString } from './safe-integer.ts';

export type PostgresWarehouseOptions = { connectionString: string; maxConnections?: number };

type Queryable = Pick<pg.PoolClient, 'query'>;

const OID = { int8: 20, date: 1082, time: 1083, timestamp: 1114, timestamptz: 1184, interval: 1186, timetz: 1266, json: 114, jsonb: 3802 } as const;
const AS_TEXT: ReadonlySet<number> = new Set([OID.date, OID.time, OID.timestamp, OID.timestamptz, OID.interval, OID.timetz, OID.json, OID.jsonb]);

/** bigint → number when safe; dates, times, intervals and json as their text; everything else as `pg` reads it. */
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === OID.int8) return (value: string) => safeIntegerOrString(value);
    if (AS_TEXT.has(oid)) return (value: string) => value;
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export async function openPostgresWarehouse(options: PostgresWarehouseOptions): Promise<Warehouse> {
  const handle = openHandle(options, { single: false });
  return {
    ...handle,
    openPullRequestSession: async () => {
      const unsafe = await checkPostgresRole(handle);
      if (unsafe !== undefined) return unsafe;
      const session: PullRequestWarehouse = { ...openHandle(options, { single: true }), purpose: 'pull-request' };
      return ok(session);
    },
    dropPullRequestEnvironment: async () => undefined,
  };
}

/** Extended protocol: one statement per call, whatever the text holds. */
type Mode = { readonly single: boolean };

function openHandle(options: PostgresWarehouseOptions, mode: Mode): WarehouseHandle {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 4, types: typeParsers });
  // An idle connection the server dropped is discarded; without a listener the 'error' event would crash the process.
  pool.on('error', () => undefined);
  const cancel = cancelOn(pool);
  const session: WarehouseSession = {
    ...sessionOn(pool, cancel, mode),
    // A cancellable statement needs to know its connection's backend, so it takes a client of its own.
    execute: async (sql, params, opts) => {
      if (opts?.signal === undefined) return sessionOn(pool, cancel, mode).execute(sql, params);
      const client = await pool.connect();
      try {
        await sessionOn(client, cancel, mode).execute(sql, params, opts);
      } finally {
        client.release();
      }
    },
  };
  return {
    ...session,
    transaction: (fn) => inTransaction(pool, fn, cancel, mode),
    sqlDialect: POSTGRES_DIALECT,
    quoteIdent,
    listColumns: (schema, table) => listColumns(session, schema, table),
    tableExists: async (schema, table) => (await session.query(TABLE_EXISTS_SQL, [schema, table])).length > 0,
    createSchema: (schema) => session.execute(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`),
    dropSchema: (schema, opts = {}) => session.execute(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)}${opts.cascade ? ' CASCADE' : ''}`),
    close: () => pool.end(),
  };
}

function toValues(params: readonly WarehouseParam[] | undefined): unknown[] | undefined {
  return params?.map((p) => (typeof p === 'bigint' ? p.toString() : p));
}

type Cancel = (backendPid: number) => Promise<void>;

/** Cancels the statement a backend runs, from another connection (what psql's Ctrl-C does, over SQL). */
function cancelOn(pool: pg.Pool): Cancel {
  return async (pid) => {
    await pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
  };
}

function sessionOn(client: Queryable, cancel: Cancel, mode: Mode): WarehouseSession {
  const run = (sql: string, params: readonly WarehouseParam[] | undefined) => {
    const values = toValues(params);
    // `queryMode` (pg ≥ 8.11) is missing from @types/pg's QueryConfig.
    const extended: pg.QueryConfig = { text: sql, ...(values ? { values } : {}), queryMode: 'extended' } as pg.QueryConfig;
    return mode.single ? client.query(extended) : client.query(sql, values);
  };
  return {
    dialect: POSTGRES_DIALECT.name,
    query: async (sql, params) => (await run(sql, params)).rows as WarehouseRow[],
    execute: async (sql, params, options) => {
      const { signal } = options ?? {};
      const pid = (client as { processID?: number }).processID;
      if (signal === undefined || pid === undefined) {
        await run(sql, params);
        return;
      }
      signal.throwIfAborted();
      const onAbort = () => void cancel(pid);
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        await run(sql, params);
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
  };
}

async function inTransaction<T>(pool: pg.Pool, fn: (tx: WarehouseSession) => Promise<T>, cancel: Cancel, mode: Mode): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(sessionOn(client, cancel, mode));
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

const TABLE_EXISTS_SQL = `
SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'v', 'm', 'p', 'f')`;

const COLUMNS_SQL = `
SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;

async function listColumns(session: WarehouseSession, schema: string, table: string): Promise<WarehouseColumn[]> {
  const rows = await session.query(COLUMNS_SQL, [schema, table]);
  return rows.map((row) => ({ name: String(row['name']), ...normalizeColumnType(String(row['type'])), nullable: row['nullable'] === true }));
}
