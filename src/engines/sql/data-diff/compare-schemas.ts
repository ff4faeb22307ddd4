/** Schema diff of two column lists, and the columns both sides share (compared row by row). */
import type { ColumnKind, WarehouseColumn } from '../../../ports/warehouse.ts';
import type { SchemaDiff } from './schema.ts';

export type SharedColumn = {
  readonly name: string;
  readonly beforeType: string;
  readonly afterType: string;
  /** Compared as text when the type changed. */
  readonly retyped: boolean;
  /** Numeric on both sides: gets mean/min/max/null-rate shifts. */
  readonly numeric: boolean;
  readonly integer: boolean;
};

const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(['integer', 'decimal', 'float']);

export function compareSchemas(before: readonly WarehouseColumn[], after: readonly WarehouseColumn[]): { diff: SchemaDiff; shared: SharedColumn[] } {
  const afterByName = new Map(after.map((c) => [c.name, c]));
  const beforeNames = new Set(before.map((c) => c.name));
  const shared: SharedColumn[] = [];
  const diff: SchemaDiff = { added: [], removed: [], retyped: [] };
  for (const b of before) {
    const a = afterByName.get(b.name);
    if (!a) {
      diff.removed.push({ name: b.name, type: b.type });
      continue;
    }
    const retyped = a.type !== b.type;
    if (retyped) diff.retyped.push({ name: b.name, before: b.type, after: a.type });
    shared.push({
      name: b.name, beforeType: b.type, afterType: a.type, retyped,
      numeric: NUMERIC_KINDS.has(a.kind) && NUMERIC_KINDS.has(b.kind),
      integer: a.kind === 'integer' && b.kind === 'integer',
    });
  }
  for (const a of after) if (!beforeNames.has(a.name)) diff.added.push({ name: a.name, type: a.type });
  return { diff, shared };
}

export function isSchemaUnchanged(diff: SchemaDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.retyped.length === 0;
}
