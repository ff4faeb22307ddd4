/** Up to `sampleSize` rows per category, read from the small fetched tables, with `pii` columns masked. */
import type { WarehouseRow, WarehouseValue } from '../../../ports/warehouse.ts';
import type { DiffContext } from './diff-context.ts';
import { BOOKKEEPING_PREFIX, CATEGORY_COLUMN } from './classify-rows.ts';
import { changedPairs, differs, rowsTable, valueColumns } from './compare-columns.ts';
import { MASKED, type ChangedSample, type DiffSamples } from './schema.ts';

export function maskRow(row: WarehouseRow, pii: ReadonlySet<string>): Record<string, WarehouseValue> {
  const out: Record<string, WarehouseValue> = {};
  for (const [name, value] of Object.entries(row)) {
    if (name.startsWith(BOOKKEEPING_PREFIX)) continue;
    out[name] = pii.has(name) && value !== null ? MASKED : value;
  }
  return out;
}

function keyOrder(ctx: DiffContext, alias?: string): string {
  return ctx.keys.map((k) => (alias ? `${alias}.${ctx.quote(k.name)}` : ctx.quote(k.name))).join(', ');
}

async function sampleSide(ctx: DiffContext, side: 'before' | 'after', category: 'removed' | 'added'): Promise<Record<string, WarehouseValue>[]> {
  const rows = await ctx.session.query(`SELECT * FROM ${rowsTable(ctx, side)} WHERE ${CATEGORY_COLUMN} = '${category}'
    ORDER BY ${keyOrder(ctx)} LIMIT ${ctx.sampleSize}`);
  return rows.map((r) => maskRow(r, ctx.pii));
}

async function sampleChanged(ctx: DiffContext): Promise<ChangedSample[]> {
  const columns = valueColumns(ctx);
  const keys = ctx.keys.map((k, i) => `a.${ctx.quote(k.name)} AS k${i}`);
  const values = columns.flatMap((c, i) => [
    `a.${ctx.quote(c.name)} AS b${i}`, `b.${ctx.quote(c.name)} AS a${i}`, `CASE WHEN ${differs(ctx, c)} THEN 1 ELSE 0 END AS d${i}`,
  ]);
  const rows = await ctx.session.query(`SELECT ${[...keys, ...values].join(', ')} FROM ${changedPairs(ctx)}
    ORDER BY ${keyOrder(ctx, 'a')} LIMIT ${ctx.sampleSize}`);
  return rows.map((row) => {
    const sample: ChangedSample = { key: {}, before: {}, after: {}, changedColumns: [] };
    ctx.keys.forEach((k, i) => {
      sample.key[k.name] = row[`k${i}`] ?? null;
    });
    columns.forEach((c, i) => {
      if (row[`d${i}`] !== 1) return;
      sample.changedColumns.push(c.name);
      sample.before[c.name] = row[`b${i}`] ?? null;
      sample.after[c.name] = row[`a${i}`] ?? null;
    });
    return { ...sample, key: maskRow(sample.key as WarehouseRow, ctx.pii), before: maskRow(sample.before as WarehouseRow, ctx.pii), after: maskRow(sample.after as WarehouseRow, ctx.pii) };
  });
}

export async function sampleRows(ctx: DiffContext): Promise<DiffSamples> {
  if (ctx.sampleSize <= 0) return { added: [], removed: [], changed: [] };
  return {
    added: await sampleSide(ctx, 'after', 'added'),
    removed: await sampleSide(ctx, 'before', 'removed'),
    changed: await sampleChanged(ctx),
  };
}
