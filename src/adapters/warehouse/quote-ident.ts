/** `a"b` → `"a""b"`: an SQL identifier both DuckDB and PostgreSQL read back exactly. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
