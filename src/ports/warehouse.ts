/**
 * The `Warehouse` port: where SQL models are built, tested and diffed (ARCHITECTURE.md § 4).
 * Adapters: DuckDB (embedded default) and PostgreSQL, in `src/adapters/warehouse/`.
 *
 * Placeholders are `$1, $2, …` on both dialects.
 *
 * Values in result rows are normalized the same way on both dialects:
 * - NULL → `null`; booleans → `boolean`; floating-point (real, double) → `number`.
 * - integer types (smallint … bigint, DuckDB hugeint and unsigned) → `number` when the value is a safe
 *   integer (|v| ≤ 2^53 − 1), otherwise its decimal digits as a `string`. So `count(*)` is always a number.
 * - decimal / numeric → `string` (lossless, e.g. `"19.90"`). Cast to `double` in SQL when you want a number.
 * - text, uuid, dates, times, timestamps, intervals → `string`, in the warehouse's own text form
 *   (`2024-01-31`, `2024-01-31 12:00:00`).
 * - lists, structs, json → plain JSON values (arrays, objects).
 * Note that an aggregate's type can differ between dialects (PostgreSQL `sum(integer)` is `bigint`,
 * `sum(bigint)` is `numeric`): cast in SQL when the kind of value matters.
 */

import type { Result } from '../core/outcome.ts';
import type { PullRequestRef } from '../core/pull-request.ts';
import type { SqlDialect, WarehouseDialect } from './sql-dialect.ts';

export type { SqlDialect, WarehouseDialect } from './sql-dialect.ts';

export type WarehouseValue = string | number | boolean | null | readonly WarehouseValue[] | { readonly [key: string]: WarehouseValue };

export type WarehouseRow = Readonly<Record<string, WarehouseValue>>;

/** A bound parameter: `$1` is `params[0]`. */
export type WarehouseParam = string | number | boolean | bigint | null;

/**
 * A column type normalized across dialects: lower-case, DuckDB-style names —
 * `boolean`, `smallint`, `integer`, `bigint`, `hugeint`, `real`, `double`, `decimal(p,s)`, `varchar`,
 * `date`, `time`, `timestamp`, `timestamptz`, `interval`, `uuid`, `json`, `blob`; anything else lower-cased
 * as the warehouse names it. (PostgreSQL `text` and `character varying(n)` are both `varchar`.)
 */
export type ColumnKind = 'boolean' | 'integer' | 'decimal' | 'float' | 'text' | 'temporal' | 'other';

export type WarehouseColumn = {
  readonly name: string;
  /** Normalized type name, comparable across dialects. */
  readonly type: string;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
};

/** What a query runs on: the warehouse itself, or one transaction on it. */
export interface WarehouseSession {
  readonly dialect: WarehouseDialect;
  /** Runs a statement returning rows (normalized, see above). */
  query(sql: string, params?: readonly WarehouseParam[]): Promise<WarehouseRow[]>;
  /**
   * Runs a statement for its effect (DDL, DML). Without params it may hold several `;`-separated statements.
   * When `options.signal` aborts while the statement runs, the warehouse cancels it and the call rejects; the
   * statement leaves nothing behind (it is atomic on both dialects).
   */
  execute(sql: string, params?: readonly WarehouseParam[], options?: ExecuteOptions): Promise<void>;
}

export type ExecuteOptions = { readonly signal?: AbortSignal };

/** What every warehouse handle offers: production's, and a pull request's (`PullRequestWarehouse`). */
export interface WarehouseHandle extends WarehouseSession {
  /**
   * Runs `fn` in one transaction on one connection: all of its statements commit together, or, when `fn`
   * throws, none do (DDL included: both dialects have transactional DDL). The error is rethrown.
   */
  transaction<T>(fn: (tx: WarehouseSession) => Promise<T>): Promise<T>;
  /** The expressions the data diff writes per warehouse; `sqlDialect.name` is `dialect`. */
  readonly sqlDialect: SqlDialect;
  /** Quotes an identifier: `quoteIdent('a"b')` → `"a""b"`. */
  quoteIdent(name: string): string;
  /** Columns of `schema.table` in ordinal order; empty when the table does not exist. */
  listColumns(schema: string, table: string): Promise<WarehouseColumn[]>;
  /** Whether a table or view `schema.table` exists. */
  tableExists(schema: string, table: string): Promise<boolean>;
  /** `CREATE SCHEMA IF NOT EXISTS`. */
  createSchema(schema: string): Promise<void>;
  /** `DROP SCHEMA IF EXISTS`, with its tables and views when `cascade`. */
  dropSchema(schema: string, options?: { cascade?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** A target's warehouse as production: what apply writes, and where pull-request sessions are opened from. */
export interface Warehouse extends WarehouseHandle {
  /**
   * Opens the session pull-request SQL runs on — PR builds, their data tests and data diffs
   * (docs/warehouse-role.md). It cannot read or write the server's files, load extensions or change that
   * (DuckDB: external access off and the configuration locked); on DuckDB production is attached read-only
   * and the PR's schemas live in a database file of the PR's own. A `target_unsafe` Failure when the
   * warehouse cannot be made so: a PostgreSQL role that is a superuser or may read or write server files or
   * run server programs; an in-memory DuckDB warehouse. Close the session after use.
   */
  openPullRequestSession(pr: PullRequestRef): Promise<Result<PullRequestWarehouse>>;
  /**
   * Removes what the PR's environment keeps outside production's own database (DuckDB: its database file);
   * nothing on PostgreSQL, where PR schemas sit beside production and are dropped like any schema. Idempotent.
   */
  dropPullRequestEnvironment(pr: PullRequestRef): Promise<void>;
}

/**
 * The session pull-request SQL runs on (see `Warehouse.openPullRequestSession`). Each `query`/`execute`
 * runs exactly ONE statement (a text holding several is refused). Schemas it creates and drops are the PR's:
 * on DuckDB they live in the PR's own database and are found by their two-part names (`marts__pr_7.orders`);
 * everything else a statement names is production, read-only on DuckDB.
 */
export interface PullRequestWarehouse extends WarehouseHandle {
  readonly purpose: 'pull-request';
}
