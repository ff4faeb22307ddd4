/** DuckDB result rows in the port's normalized form (see `src/ports/warehouse.ts`). */
import { DuckDBTypeId, type DuckDBResultReader } from '@duckdb/node-api';
import type { WarehouseRow, WarehouseValue } from '../../ports/warehouse.ts';
import { safeIntegerOrString } from './safe-integer.ts';

/** Integer types the JSON form gives as strings; they become numbers when safe. */
const WIDE_INTEGERS: ReadonlySet<DuckDBTypeId> = new Set([
  DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT,
]);

export function readRows(reader: DuckDBResultReader): WarehouseRow[] {
  const names = reader.columnNames();
  const typeIds = reader.columnTypes().map((t) => t.typeId);
  const rows = reader.getRowObjectsJson() as Record<string, WarehouseValue>[];
  const wide = names.filter((_, i) => WIDE_INTEGERS.has(typeIds[i] as DuckDBTypeId));
  const intervals = names.filter((_, i) => typeIds[i] === DuckDBTypeId.INTERVAL);
  if (wide.length === 0 && intervals.length === 0) return rows;
  // Intervals read as text, as PostgreSQL gives them; the JSON form would make them objects.
  const raw = intervals.length > 0 ? reader.getRowObjects() : [];
  return rows.map((row, r) => {
    const out: Record<string, WarehouseValue> = { ...row };
    for (const name of wide) {
      const v = row[name];
      if (typeof v === 'string') out[name] = safeIntegerOrString(v);
    }
    for (const name of intervals) {
      const v = raw[r]?.[name];
      out[name] = v === null || v === undefined ? null : String(v);
    }
    return out;
  });
}
