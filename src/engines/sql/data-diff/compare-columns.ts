/**
 * Per-column comparison over the changed keys only. The rows of changed keys (and the few added or removed
 * rows sampled) are fetched into small temp tables by joining the diff table against each side — but for the
 * PR side where the classify join already carried them (`rowsThroughJoin`). Every per-column count and
 * statistic is then one aggregate over the pairs.
 */
import type { DiffContext } from './diff-context.ts';
import { columnExpr, pct, toCount, toNumberOrNull } from './diff-context.ts';
import { CATEGORY_COLUMN, diffTable, keyAliases } from './classify-rows.ts';
import type { SharedColumn } from './compare-schemas.ts';
import type { ColumnDiff, NumericStats } from './schema.ts';

/** Rows of one side with a category column: fetched, or (the PR side, `rowsThroughJoin`) the diff table itself. */
export function rowsTable(ctx: DiffContext, side: 'before' | 'after'): string {
  return side === 'after' && ctx.dialect.rowsThroughJoin ? diffTable(ctx) : `${ctx.temp}_${side}`;
}

/** The keys whose rows are fetched: every changed key, and the first few added or removed keys for samples. */
function wantedKeys(ctx: DiffContext, extra: 'added' | 'removed'): string {
  const k = keyAliases(ctx);
  const cat = CATEGORY_COLUMN;
  const notNull = k.map((x) => `${x} IS NOT NULL`).join(' AND ');
  return `SELECT ${k.join(', ')}, ${cat} FROM ${diffTable(ctx)} WHERE ${cat} = 'changed'
    UNION ALL SELECT * FROM (SELECT ${k.join(', ')}, ${cat} FROM ${diffTable(ctx)} WHERE ${cat} = '${extra}' AND ${notNull}
      ORDER BY ${k.join(', ')} LIMIT ${ctx.sampleSize}) s`;
}

export async function fetchDifferingRows(ctx: DiffContext): Promise<void> {
  const k = keyAliases(ctx);
  const sides = ctx.dialect.rowsThroughJoin ? (['before'] as const) : (['before', 'after'] as const);
  for (const side of sides) {
    const table = side === 'before' ? ctx.beforeTable : ctx.afterTable;
    const on = ctx.keys.map((key, i) => `${columnExpr(ctx, key, 't')} = w.${k[i]}`).join(' AND ');
    const select = `SELECT w.${CATEGORY_COLUMN}, t.* FROM ${table} t JOIN (${wantedKeys(ctx, side === 'before' ? 'removed' : 'added')}) w ON ${on}`;
    await ctx.session.execute(ctx.dialect.createTemp(rowsTable(ctx, side), select));
  }
}

/** `a JOIN b` over the changed keys of the two fetched tables. */
export function changedPairs(ctx: DiffContext): string {
  const on = ctx.keys.map((k) => `${columnExpr(ctx, k, 'a')} = ${columnExpr(ctx, k, 'b')}`).join(' AND ');
  return `${rowsTable(ctx, 'before')} a JOIN ${rowsTable(ctx, 'after')} b ON ${on}
    WHERE a.${CATEGORY_COLUMN} = 'changed' AND b.${CATEGORY_COLUMN} = 'changed'`;
}

export function differs(ctx: DiffContext, column: SharedColumn): string {
  return `${columnExpr(ctx, column, 'a')} IS DISTINCT FROM ${columnExpr(ctx, column, 'b')}`;
}

function statsSelect(ctx: DiffContext, column: SharedColumn, i: number): string[] {
  const out = [`count(CASE WHEN ${differs(ctx, column)} THEN 1 END) AS c${i}`];
  if (!column.numeric) return out;
  for (const side of ['a', 'b']) {
    const v = ctx.dialect.asDouble(`${side}.${ctx.quote(column.name)}`);
    const when = (expr: string) => `CASE WHEN ${differs(ctx, column)} THEN ${expr} END`;
    out.push(`avg(${when(v)}) AS c${i}_${side}_mean`, `min(${when(v)}) AS c${i}_${side}_min`, `max(${when(v)}) AS c${i}_${side}_max`,
      `${ctx.dialect.asDouble(`count(${when(`CASE WHEN ${side}.${ctx.quote(column.name)} IS NULL THEN 1 END`)})`)} / NULLIF(count(${when('1')}), 0) AS c${i}_${side}_nulls`);
  }
  return out;
}

function stats(row: Readonly<Record<string, unknown>>, prefix: string): NumericStats {
  return {
    mean: toNumberOrNull(row[`${prefix}_mean`]), min: toNumberOrNull(row[`${prefix}_min`]),
    max: toNumberOrNull(row[`${prefix}_max`]), nullRate: toNumberOrNull(row[`${prefix}_nulls`]),
  };
}

/** Compared columns: every shared column but the grain. */
export function valueColumns(ctx: DiffContext): SharedColumn[] {
  const keys = new Set(ctx.keys.map((k) => k.name));
  return ctx.shared.filter((c) => !keys.has(c.name));
}

export async function compareColumns(ctx: DiffContext, matched: number): Promise<ColumnDiff[]> {
  const columns = valueColumns(ctx);
  if (columns.length === 0) return [];
  const select = columns.flatMap((c, i) => statsSelect(ctx, c, i)).join(',\n  ');
  const [row = {}] = await ctx.session.query(`SELECT ${select} FROM ${changedPairs(ctx)}`);
  return columns.map((column, i) => {
    const changed = toCount(row[`c${i}`]);
    const diff: ColumnDiff = { name: column.name, type: column.afterType, changed, pctChanged: pct(changed, matched) };
    return column.numeric ? { ...diff, shift: { before: stats(row, `c${i}_a`), after: stats(row, `c${i}_b`) } } : diff;
  });
}
