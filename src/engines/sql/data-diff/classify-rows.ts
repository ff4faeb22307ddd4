/**
 * The row-level diff, in one pass: a FULL JOIN on the key of (key, row hash) of production — narrow, so the
 * join's hash table stays small — with the PR build's rows, keeping only the join rows whose hashes differ
 * (added, removed, changed) in the temp table `<temp>_diff`: the key and the category and, where the dialect
 * streams the probe side (`rowsThroughJoin`), the PR side's columns too — they then cost nothing more than the
 * scan that hashes them, and only production's differing rows need fetching afterwards. Unchanged rows are
 * never written: their number follows from the row counts.
 * Grain problems show in the same data, so the common case pays nothing extra for the checks:
 *   - NULL keys never match: they land in added/removed with a NULL key;
 *   - a duplicated unmatched or changed key appears more than once in its category;
 *   - a duplicated matched key multiplies join rows, so "unchanged" derived from production's row count
 *     and from the PR's disagree (a key duplicated identically on both sides is the one case this misses).
 * Only when something is off are duplicates counted exactly, with one GROUP BY per side.
 */
import { columnExpr, pct, rowHashExpr, toCount, type DiffContext } from './diff-context.ts';
import type { GrainCheck, RowDiff } from './schema.ts';

export type Category = 'added' | 'removed' | 'changed';

/** The category column of the temp tables; their other bookkeeping columns share the `__sluice_` prefix. */
export const CATEGORY_COLUMN = '__sluice_cat';
export const BOOKKEEPING_PREFIX = '__sluice_';
const HASH_COLUMN = '__sluice_h';
type Tally = { rows: number; nullKeyRows: number };

/** The differing rows: key aliases, category and, with `rowsThroughJoin`, every column of the PR side (NULL for removed rows). */
export function diffTable(ctx: DiffContext): string {
  return `${ctx.temp}_diff`;
}

export function keyAliases(ctx: DiffContext): string[] {
  return ctx.keys.map((_, i) => `${BOOKKEEPING_PREFIX}k${i}`);
}

function sideSelect(ctx: DiffContext, table: string, withColumns: boolean): string {
  const keys = ctx.keys.map((k, i) => `${columnExpr(ctx, k, 't')} AS ${BOOKKEEPING_PREFIX}k${i}`).join(', ');
  return `SELECT ${withColumns ? 't.*, ' : ''}${keys}, ${rowHashExpr(ctx, 't')} AS ${HASH_COLUMN} FROM ${table} t`;
}

function classifySql(ctx: DiffContext): string {
  const k = keyAliases(ctx);
  const on = k.map((x) => `a.${x} = b.${x}`).join(' AND ');
  const h = HASH_COLUMN;
  const differing = `SELECT ${k.map((x) => `COALESCE(a.${x}, b.${x}) AS ${x}`).join(', ')},
      CASE WHEN a.${h} IS NULL THEN 'added' WHEN b.${h} IS NULL THEN 'removed' ELSE 'changed' END AS ${CATEGORY_COLUMN}
      ${ctx.dialect.rowsThroughJoin ? `, ${ctx.afterColumns.map((c) => `b.${ctx.quote(c)}`).join(', ')}` : ''}
    FROM (${sideSelect(ctx, ctx.beforeTable, false)}) a FULL JOIN (${sideSelect(ctx, ctx.afterTable, ctx.dialect.rowsThroughJoin)}) b ON ${on}
    WHERE a.${h} IS DISTINCT FROM b.${h}`;
  return ctx.dialect.createTemp(diffTable(ctx), differing);
}

async function tally(ctx: DiffContext): Promise<{ byCategory: Record<Category, Tally>; repeatedKeys: number }> {
  const k = keyAliases(ctx);
  const anyNull = k.map((x) => `${x} IS NULL`).join(' OR ');
  const cat = CATEGORY_COLUMN;
  const rows = await ctx.session.query(`
    SELECT ${cat} AS cat, count(*) AS rows_, count(CASE WHEN ${anyNull} THEN 1 END) AS null_rows FROM ${diffTable(ctx)} GROUP BY ${cat}`);
  const empty: Tally = { rows: 0, nullKeyRows: 0 };
  const byCategory: Record<Category, Tally> = { added: empty, removed: empty, changed: empty };
  for (const r of rows) byCategory[r['cat'] as Category] = { rows: toCount(r['rows_']), nullKeyRows: toCount(r['null_rows']) };
  const [repeated] = await ctx.session.query(`SELECT count(*) AS n FROM (SELECT 1 AS one FROM ${diffTable(ctx)}
    WHERE NOT (${anyNull}) GROUP BY ${cat}, ${k.join(', ')} HAVING count(*) > 1) r`);
  return { byCategory, repeatedKeys: toCount(repeated?.['n']) };
}

async function countRows(ctx: DiffContext): Promise<{ before: number; after: number }> {
  const [row] = await ctx.session.query(`SELECT (SELECT count(*) FROM ${ctx.beforeTable}) AS b, (SELECT count(*) FROM ${ctx.afterTable}) AS a`);
  return { before: toCount(row?.['b']), after: toCount(row?.['a']) };
}

async function countDuplicateKeys(ctx: DiffContext, table: string): Promise<number> {
  const keys = ctx.keys.map((k) => ctx.quote(k.name));
  const [row] = await ctx.session.query(`SELECT count(*) AS n FROM (SELECT 1 AS one FROM ${table}
    WHERE ${keys.map((k) => `${k} IS NOT NULL`).join(' AND ')} GROUP BY ${keys.join(', ')} HAVING count(*) > 1) d`);
  return toCount(row?.['n']);
}

export async function classifyRows(ctx: DiffContext, known: { beforeRows?: number; afterRows?: number }): Promise<{ rows: RowDiff; grain: GrainCheck }> {
  await ctx.session.execute(classifySql(ctx));
  const { byCategory: t, repeatedKeys } = await tally(ctx);
  const counts = known.beforeRows !== undefined && known.afterRows !== undefined
    ? { before: known.beforeRows, after: known.afterRows } : await countRows(ctx);
  const unchangedByBefore = counts.before - t.removed.rows - t.changed.rows;
  const unchangedByAfter = counts.after - t.added.rows - t.changed.rows;
  // A duplicated matched key multiplies join rows on *both* sides' behalf: when anything is off, count both exactly.
  const suspect = unchangedByBefore !== unchangedByAfter || repeatedKeys > 0;
  const grain: GrainCheck = {
    columns: ctx.keys.map((k) => k.name),
    checked: true,
    reliable: false,
    before: { nullKeys: t.removed.nullKeyRows, duplicateKeys: suspect ? await countDuplicateKeys(ctx, ctx.beforeTable) : 0 },
    after: { nullKeys: t.added.nullKeyRows, duplicateKeys: suspect ? await countDuplicateKeys(ctx, ctx.afterTable) : 0 },
  };
  grain.reliable = grain.before.nullKeys + grain.before.duplicateKeys + grain.after.nullKeys + grain.after.duplicateKeys === 0;
  return { rows: rowDiff(counts, t, Math.max(0, unchangedByBefore)), grain };
}

function rowDiff(counts: { before: number; after: number }, t: Record<Category, Tally>, unchanged: number): RowDiff {
  const added = t.added.rows - t.added.nullKeyRows;
  const removed = t.removed.rows - t.removed.nullKeyRows;
  const changed = t.changed.rows;
  const base = counts.before;
  return {
    before: counts.before, after: counts.after, added, removed, changed, unchanged,
    pct: { added: pct(added, base), removed: pct(removed, base), changed: pct(changed, base), unchanged: pct(unchanged, base) },
  };
}
