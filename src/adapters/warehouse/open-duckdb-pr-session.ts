/**
 * A pull request's session on a DuckDB warehouse (docs/warehouse-role.md): an instance of its own that
 * opens the production file READ_ONLY as its default database and attaches the PR's environment file
 * (`prEnvironmentPath`) read-write as `sluice_pr`. Then external access goes off and the configuration is
 * locked. Every connection's search path lists the PR's schemas in `sluice_pr`, so `marts__pr_7.orders`
 * resolves there, for reading and creating alike; every other name is production, which cannot be written.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { PullRequestRef } from '../../core/pull-request.ts';
import type { PullRequestWarehouse, WarehouseSession } from '../../ports/warehouse.ts';
import { DUCKDB_DIALECT } from './duckdb-dialect.ts';
import { inTransaction, listColumnsOn, queryOn, sessionOn, tableExistsOn, type CatalogTable } from './duckdb-statements.ts';
import { LOCK_STATEMENTS, NO_EXTENSIONS } from './duckdb-lockdown.ts';
import { prEnvironmentPath } from './duckdb-pr-environment-path.ts';
import { quoteIdent } from './quote-ident.ts';

/** The name the PR's environment database is attached under. */
export const PR_CATALOG = 'sluice_pr';

const SINGLE = { single: true } as const;

export type DuckDbPrSessionOptions = {
  /** The production database file; it must exist (production's warehouse creates it when opened). */
  readonly productionPath: string;
  readonly pr: PullRequestRef;
  /** DuckDB settings such as `threads`; those that would undo the lockdown are ignored. */
  readonly settings?: Readonly<Record<string, string>>;
};

export async function openDuckDbPrSession(options: DuckDbPrSessionOptions): Promise<PullRequestWarehouse> {
  const prPath = prEnvironmentPath(options.productionPath, options.pr);
  mkdirSync(dirname(prPath), { recursive: true });
  const instance = await DuckDBInstance.create(options.productionPath, { ...tuningOnly(options.settings), ...NO_EXTENSIONS, access_mode: 'READ_ONLY' });
  let production: string;
  let schemas: Set<string>;
  try {
    ({ production, schemas } = await lockDown(instance, prPath));
  } catch (error) {
    instance.closeSync();
    throw error;
  }
  const withConnection = async <T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> => {
    const connection = await instance.connect();
    try {
      await connection.run(`SET search_path = ${literal(searchPath(production, schemas))}`);
      return await fn(connection);
    } finally {
      connection.disconnectSync();
    }
  };
  const at = (schema: string, table: string): CatalogTable => (schemas.has(schema) ? { catalog: PR_CATALOG, schema, table } : { schema, table });
  const session: WarehouseSession = {
    dialect: DUCKDB_DIALECT.name,
    query: (sql, params) => withConnection((c) => queryOn(c, SINGLE, sql, params)),
    execute: (sql, params, opts) => withConnection((c) => sessionOn(c, SINGLE).execute(sql, params, opts)),
  };
  return {
    ...session,
    purpose: 'pull-request',
    transaction: (fn) => withConnection((c) => inTransaction(c, SINGLE, fn)),
    sqlDialect: DUCKDB_DIALECT,
    quoteIdent,
    listColumns: (schema, table) => withConnection((c) => listColumnsOn(c, at(schema, table))),
    tableExists: (schema, table) => withConnection((c) => tableExistsOn(c, at(schema, table))),
    createSchema: async (schema) => {
      await session.execute(`CREATE SCHEMA IF NOT EXISTS ${PR_CATALOG}.${quoteIdent(schema)}`);
      schemas.add(schema);
    },
    dropSchema: async (schema, opts = {}) => {
      await session.execute(`DROP SCHEMA IF EXISTS ${PR_CATALOG}.${quoteIdent(schema)}${opts.cascade ? ' CASCADE' : ''}`);
      schemas.delete(schema);
    },
    close: async () => instance.closeSync(),
  };
}

/** Attaches the PR's file, then turns external access off and locks the configuration, before any PR SQL runs. */
async function lockDown(instance: DuckDBInstance, prPath: string): Promise<{ production: string; schemas: Set<string> }> {
  const c = await instance.connect();
  try {
    await c.run(`ATTACH ${literal(prPath)} AS ${PR_CATALOG} (READ_WRITE)`);
    for (const statement of LOCK_STATEMENTS) await c.run(statement);
    const [row] = await queryOn(c, SINGLE, 'SELECT current_database() AS name');
    const rows = await queryOn(c, SINGLE, 'SELECT schema_name AS name FROM duckdb_schemas() WHERE database_name = $1 AND NOT internal', [PR_CATALOG]);
    return { production: String(row?.['name']), schemas: new Set(rows.map((r) => String(r['name'])).filter((n) => n !== 'main')) };
  } finally {
    c.disconnectSync();
  }
}

/** Production's `main` first (unqualified names), then each PR schema in the PR's database. */
function searchPath(production: string, schemas: ReadonlySet<string>): string {
  return [`${quoteIdent(production)}.main`, ...[...schemas].map((s) => `${PR_CATALOG}.${quoteIdent(s)}`)].join(',');
}

const UNDOES_LOCKDOWN = new Set(['access_mode', 'enable_external_access', 'lock_configuration', 'allowed_paths', 'allowed_directories', 'disabled_filesystems']);

function tuningOnly(settings: Readonly<Record<string, string>> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(settings).filter(([name]) => !UNDOES_LOCKDOWN.has(name.toLowerCase()) && !(name in NO_EXTENSIONS)));
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
