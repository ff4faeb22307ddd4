/**
 * The identical-tables fast path: a checksum (sum of row hashes, plus the row count) of each side.
 * Equal checksums over the same columns mean the same multiset of rows, so the diff costs one hashed scan
 * of each table. A ~1% sample by key is checked first (hashing only the sampled rows; counting all): when
 * tables differ it nearly always shows, and the full checksum scan is skipped — it would be wasted work
 * before the row-level diff, which reuses the counts.
 */
import { rowHashExpr, toCount, type DiffContext } from './diff-context.ts';

export type Checksums = { identical: boolean; beforeRows?: number; afterRows?: number };

export async function checkIdentical(ctx: DiffContext): Promise<Checksums> {
  if (ctx.keys.length > 0) {
    const keyExprs = ctx.keys.map((k) => ctx.quote(k.name));
    const integerKey = ctx.keys.length === 1 && ctx.keys[0]?.integer === true && !ctx.keys[0].retyped;
    const sample = await checksums(ctx, ctx.dialect.keySample(keyExprs, integerKey));
    if (!sample.identical) return sample;
  }
  return checksums(ctx);
}

/** Row counts of both sides (always over every row), and row-hash sums over the rows `sample` selects (all when absent). */
async function checksums(ctx: DiffContext, sample?: string): Promise<Checksums> {
  const rows = await ctx.session.query(`${checksumSql(ctx, 'before', ctx.beforeTable, sample)} UNION ALL ${checksumSql(ctx, 'after', ctx.afterTable, sample)}`);
  const before = rows.find((r) => r['side'] === 'before');
  const after = rows.find((r) => r['side'] === 'after');
  const identical = toCount(before?.['n']) === toCount(after?.['n']) && (before?.['s'] ?? null) === (after?.['s'] ?? null);
  return { identical, beforeRows: toCount(before?.['n']), afterRows: toCount(after?.['n']) };
}

/**
 * Where counting is free (DuckDB keeps row counts), the sample is a WHERE filter, so the scan reads the other
 * columns only for sampled rows; elsewhere one pass counts every row and hashes only the sampled ones.
 */
function checksumSql(ctx: DiffContext, label: string, table: string, sample?: string): string {
  const sum = (expr: string) => ctx.dialect.asText(`sum(${expr})`);
  if (!sample) return `SELECT '${label}' AS side, count(*) AS n, ${sum(rowHashExpr(ctx))} AS s FROM ${table}`;
  if (ctx.dialect.cheapCount) {
    return `SELECT '${label}' AS side, (SELECT count(*) FROM ${table}) AS n, ${sum(rowHashExpr(ctx))} AS s FROM ${table} WHERE ${sample}`;
  }
  return `SELECT '${label}' AS side, count(*) AS n, ${sum(`CASE WHEN ${sample} THEN ${rowHashExpr(ctx)} END`)} AS s FROM ${table}`;
}
