/**
 * CEL values as plain JSON values: bigints become numbers, Maps objects. With `sortKeys`, object keys are
 * sorted at every level (a canonical form for hashing).
 */
export function toPlain(value: unknown, options: { sortKeys?: boolean } = {}): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Map) return toPlain(Object.fromEntries(value), options);
  if (Array.isArray(value)) return value.map((v) => toPlain(v, options));
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (options.sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, toPlain(v, options)]));
  }
  return value;
}

/** A CEL value for a message: strings as they are, lists joined with ", ", maps as JSON. */
export function formatCelValue(value: unknown): string {
  const plain = toPlain(value);
  if (typeof plain === 'string') return plain;
  if (Array.isArray(plain)) return plain.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  if (plain === undefined) return 'undefined';
  return typeof plain === 'object' && plain !== null ? JSON.stringify(plain) : String(plain);
}
