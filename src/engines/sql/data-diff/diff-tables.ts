/**
 * The data diff of a model: production (`before`) against the PR build (`after`), computed inside the
 * warehouse — only counts, statistics and a few sample rows come back to Node.
 *
 * Stages, cheapest first:
 *   1. schema diff from the catalog;
 *   2. identical-tables fast path (same columns, same row checksum): one hashed scan of each side;
 *   3. no grain: row counts and column profiles, with a note;
 *   4. row-level diff by grain key on (key, row hash) — grain checks come out of the same pass;
 *   5. per-column counts and numeric shifts over the changed keys only, then masked samples.
 * Runs in one transaction, so both sides are read from one snapshot and temp tables stay on one connection.
 */
import { randomUUID } from 'node:crypto';
import { failure, ok, type Result } from '../../../core/outcome.ts';
import type { WarehouseHandle, WarehouseSession } from '../../../ports/warehouse.ts';
import { compareSchemas, isSchemaUnchanged, type SharedColumn } from './compare-schemas.ts';
import { checkIdentical } from './check-identical.ts';
import { classifyRows, diffTable } from './classify-rows.ts';
import { compareColumns, fetchDifferingRows, rowsTable, valueColumns } from './compare-columns.ts';
import { sampleRows } from './sample-rows.ts';
import { profileColumns } from './profile-columns.ts';
import { pct, toCount, type DiffContext } from './diff-context.ts';
import type { DataDiff, SchemaDiff, TableRef } from './schema.ts';

export type DiffTablesOptions = {
  before: TableRef;
  after: TableRef;
  /** Primary-key columns; without them only counts and profiles are compared. */
  grain?: readonly string[];
  /** Columns whose values never appear in samples. */
  pii?: readonly string[];
  /** Sample rows per category (default 5). */
  sampleSize?: number;
};

export async function diffTables(warehouse: WarehouseHandle, options: DiffTablesOptions): Promise<Result<DataDiff>> {
  const label = `diffing ${options.after.schema}.${options.after.table} against ${options.before.schema}.${options.before.table}`;
  const [beforeColumns, afterColumns] = await Promise.all([
    warehouse.listColumns(options.before.schema, options.before.table),
    warehouse.listColumns(options.after.schema, options.after.table),
  ]);
  const missing = beforeColumns.length === 0 ? options.before : afterColumns.length === 0 ? options.after : undefined;
  if (missing) return failure('engine_failed', `${label}: table ${missing.schema}.${missing.table} not found`);
  const { diff: schema, shared } = compareSchemas(beforeColumns, afterColumns);
  const byName = new Map(shared.map((c) => [c.name, c]));
  const grain = options.grain ?? [];
  const absent = grain.filter((g) => !byName.has(g));
  if (absent.length > 0) return failure('engine_failed', `${label}: grain column ${absent.join(', ')} is not on both sides`);
  const keys = grain.map((g) => byName.get(g) as SharedColumn);
  try {
    const afterNames = afterColumns.map((c) => c.name);
    return ok(await warehouse.transaction((session) => runDiff(makeContext(warehouse, session, options, { shared, keys, afterNames }), schema)));
  } catch (error) {
    return failure('engine_failed', `${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function makeContext(warehouse: WarehouseHandle, session: WarehouseSession, options: DiffTablesOptions, columns: { shared: SharedColumn[]; keys: SharedColumn[]; afterNames: string[] }): DiffContext {
  const { shared, keys, afterNames } = columns;
  const q = (name: string) => warehouse.quoteIdent(name);
  return {
    session, dialect: warehouse.sqlDialect, quote: q,
    beforeTable: `${q(options.before.schema)}.${q(options.before.table)}`,
    afterTable: `${q(options.after.schema)}.${q(options.after.table)}`,
    refs: { before: options.before, after: options.after },
    shared, keys, afterColumns: afterNames, temp: `sluice_diff_${randomUUID().replaceAll('-', '').slice(0, 12)}`,
    pii: new Set(options.pii ?? []), sampleSize: options.sampleSize ?? 5,
  };
}

async function runDiff(ctx: DiffContext, schema: SchemaDiff): Promise<DataDiff> {
  for (const statement of ctx.dialect.setup) await ctx.session.execute(statement);
  const base = { before: ctx.refs.before, after: ctx.refs.after, schema, notes: [] as string[] };
  const checksums = isSchemaUnchanged(schema) ? await checkIdentical(ctx) : { identical: false };
  if (checksums.identical) return identicalDiff(ctx, base, toCount(checksums.beforeRows));
  if (ctx.keys.length === 0) {
    const [row] = await ctx.session.query(`SELECT (SELECT count(*) FROM ${ctx.beforeTable}) AS b, (SELECT count(*) FROM ${ctx.afterTable}) AS a`);
    return {
      ...base, identical: false, rowCount: { before: toCount(row?.['b']), after: toCount(row?.['a']) },
      columns: [], profiles: await profileColumns(ctx), samples: { added: [], removed: [], changed: [] },
      notes: ['no grain: declare the primary-key columns as `grain` to get a row-level diff'],
    };
  }
  try {
    const { rows, grain } = await classifyRows(ctx, checksums);
    await fetchDifferingRows(ctx);
    const columns = await compareColumns(ctx, rows.changed + rows.unchanged);
    const samples = await sampleRows(ctx);
    const notes = grain.reliable ? [] : ['the grain has NULL or duplicate keys: row counts are not reliable'];
    return { ...base, identical: false, grain, rowCount: { before: rows.before, after: rows.after }, rows, columns, samples, notes };
  } finally {
    // After a failed statement PostgreSQL refuses the drops; the rollback removes the tables then.
    await dropTemps(ctx).catch(() => undefined);
  }
}

function identicalDiff(ctx: DiffContext, base: Pick<DataDiff, 'before' | 'after' | 'schema' | 'notes'>, n: number): DataDiff {
  const side = { nullKeys: 0, duplicateKeys: 0 };
  return {
    ...base, identical: true, rowCount: { before: n, after: n },
    ...(ctx.keys.length > 0 ? { grain: { columns: ctx.keys.map((k) => k.name), checked: false, reliable: true, before: side, after: side } } : {}),
    rows: { before: n, after: n, added: 0, removed: 0, changed: 0, unchanged: n, pct: { added: pct(0, n), removed: pct(0, n), changed: pct(0, n), unchanged: pct(n, n) } },
    columns: valueColumns(ctx).map((c) => ({ name: c.name, type: c.afterType, changed: 0, pctChanged: pct(0, n) })),
    samples: { added: [], removed: [], changed: [] },
  };
}

async function dropTemps(ctx: DiffContext): Promise<void> {
  for (const table of new Set([diffTable(ctx), rowsTable(ctx, 'after'), rowsTable(ctx, 'before')])) {
    await ctx.session.execute(`DROP TABLE IF EXISTS ${table}`);
  }
}
