/** Column types named the same way on both dialects (see `WarehouseColumn.type` in the port). */
import type { ColumnKind } from '../../ports/warehouse.ts';

const ALIASES: Readonly<Record<string, string>> = {
  'int': 'integer', 'int4': 'integer', 'signed': 'integer',
  'int2': 'smallint', 'short': 'smallint', 'int8': 'bigint', 'long': 'bigint', 'int1': 'tinyint',
  'float4': 'real', 'float': 'real', 'float8': 'double', 'double precision': 'double',
  'text': 'varchar', 'string': 'varchar', 'character varying': 'varchar', 'bpchar': 'varchar', 'character': 'varchar', 'char': 'varchar',
  'bool': 'boolean', 'logical': 'boolean',
  'timestamp without time zone': 'timestamp', 'datetime': 'timestamp',
  'timestamp with time zone': 'timestamptz', 'time without time zone': 'time', 'time with time zone': 'timetz',
  'jsonb': 'json', 'bytea': 'blob', 'numeric': 'decimal',
};

const KINDS: Readonly<Record<string, ColumnKind>> = {
  boolean: 'boolean',
  tinyint: 'integer', smallint: 'integer', integer: 'integer', bigint: 'integer', hugeint: 'integer',
  utinyint: 'integer', usmallint: 'integer', uinteger: 'integer', ubigint: 'integer', uhugeint: 'integer',
  real: 'float', double: 'float', decimal: 'decimal',
  varchar: 'text', uuid: 'text',
  date: 'temporal', time: 'temporal', timetz: 'temporal', timestamp: 'temporal', timestamptz: 'temporal', interval: 'temporal',
  'timestamp_s': 'temporal', 'timestamp_ms': 'temporal', 'timestamp_ns': 'temporal',
};

/**
 * `DECIMAL(10,2)` and `numeric(10,2)` → `decimal(10,2)`; `character varying(20)` and `TEXT` → `varchar`;
 * `double precision` → `double`; `integer[]` stays `integer[]` (kind `other`).
 */
export function normalizeColumnType(raw: string): { type: string; kind: ColumnKind } {
  const lower = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (lower.endsWith('[]')) return { type: `${normalizeColumnType(lower.slice(0, -2)).type}[]`, kind: 'other' };
  const match = /^([a-z_][a-z0-9_ ]*)(\((.*)\))?\s*([a-z ]*)$/.exec(lower);
  if (!match) return { type: lower, kind: 'other' };
  const head = `${(match[1] ?? '').trim()} ${match[4] ?? ''}`.trim();
  const base = ALIASES[head] ?? head;
  const kind = KINDS[base] ?? 'other';
  // Lengths of text types and precisions of times do not change how values compare; decimal precision and
  // scale do, and so do the members of nested types.
  const args = match[3] ?? '';
  if (args === '' || (kind !== 'decimal' && kind !== 'other')) return { type: base, kind };
  const type = `${base}(${kind === 'decimal' ? args.replace(/\s+/g, '') : args.trim()})`;
  return { type, kind };
}
