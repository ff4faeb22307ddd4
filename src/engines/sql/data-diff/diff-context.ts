/** What every stage of a diff needs: the session, the dialect, the two tables and the compared columns. */
import type { SqlDialect, WarehouseSession } from '../../../ports/warehouse.ts';
import type { SharedColumn } from './compare-schemas.ts';
import type { TableRef } from './schema.ts';

export type DiffContext = {
  readonly session: WarehouseSession;
  readonly dialect: SqlDialect;
  readonly quote: (name: string) => string;
  /** Quoted `schema.table` of production and of the PR build. */
  readonly beforeTable: string;
  readonly afterTable: string;
  readonly refs: { readonly before: TableRef; readonly after: TableRef };
  /** Columns on both sides, in production's order. */
  readonly shared: readonly SharedColumn[];
  /** Every column of the PR side, in its order. */
  readonly afterColumns: readonly string[];
  /** Grain columns (a subset of `shared`); empty when the model has none. */
  readonly keys: readonly SharedColumn[];
  /** Prefix for this diff's temporary tables. */
  readonly temp: string;
  readonly pii: ReadonlySet<string>;
  readonly sampleSize: number;
};

/** The expression comparing one shared column on one side: text when the type changed. */
export function columnExpr(ctx: DiffContext, column: SharedColumn, alias?: string): string {
  const ref = alias ? `${alias}.${ctx.quote(column.name)}` : ctx.quote(column.name);
  return column.retyped ? ctx.dialect.asText(ref) : ref;
}

/** The hash of a row over every shared column. */
export function rowHashExpr(ctx: DiffContext, alias?: string): string {
  return ctx.dialect.rowHash(ctx.shared.map((c) => columnExpr(ctx, c, alias)));
}

/** A count read back from the warehouse (numbers or, beyond 2^53, digits) as a number. */
export function toCount(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

export function toNumberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 100;
}
