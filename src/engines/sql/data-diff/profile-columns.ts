/** Tables without a grain: one aggregate per side gives each shared column's null rate (and, for numbers, mean/min/max). */
import type { DiffContext } from './diff-context.ts';
import { toNumberOrNull } from './diff-context.ts';
import type { ColumnProfile, NumericStats } from './schema.ts';

async function profileSide(ctx: DiffContext, table: string): Promise<Partial<NumericStats>[]> {
  const select = ctx.shared.flatMap((c, i) => {
    const col = ctx.quote(c.name);
    const nulls = `${ctx.dialect.asDouble(`count(CASE WHEN ${col} IS NULL THEN 1 END)`)} / NULLIF(count(*), 0) AS c${i}_nulls`;
    if (!c.numeric) return [nulls];
    const v = ctx.dialect.asDouble(col);
    return [nulls, `avg(${v}) AS c${i}_mean`, `min(${v}) AS c${i}_min`, `max(${v}) AS c${i}_max`];
  });
  const [row = {}] = await ctx.session.query(`SELECT ${select.join(', ')} FROM ${table}`);
  return ctx.shared.map((c, i) => {
    const nullRate = toNumberOrNull(row[`c${i}_nulls`]);
    if (!c.numeric) return { nullRate };
    return { nullRate, mean: toNumberOrNull(row[`c${i}_mean`]), min: toNumberOrNull(row[`c${i}_min`]), max: toNumberOrNull(row[`c${i}_max`]) };
  });
}

export async function profileColumns(ctx: DiffContext): Promise<ColumnProfile[]> {
  if (ctx.shared.length === 0) return [];
  const before = await profileSide(ctx, ctx.beforeTable);
  const after = await profileSide(ctx, ctx.afterTable);
  return ctx.shared.map((c, i) => ({ name: c.name, before: before[i] ?? {}, after: after[i] ?? {} }));
}
