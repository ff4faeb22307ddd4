import type { SourceLocation } from '../core/outcome.ts';

/** `models/marts/orders.sql:12:8`, `sluice.yaml:4`, or just the file. */
export function formatLocation(location: SourceLocation): string {
  if (location.line === undefined) return location.file;
  return location.column === undefined ? `${location.file}:${location.line}` : `${location.file}:${location.line}:${location.column}`;
}
