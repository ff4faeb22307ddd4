import { nodeAt, nodesAt, textAt, visitNodes } from './duckdb-ast.ts';
import type { AstNode } from './duckdb-ast.ts';

/** A table named in a query: `schema.table` (lower-cased, catalog dropped) and its byte offset in the SQL. */
export type TableMention = { readonly name: string; readonly offset: number };

/**
 * Every table a query reads, in order of appearance, once each. CTE names are not tables: an unqualified
 * name that some CTE of the query defines is skipped (CTE names are taken query-wide, which only errs when
 * a CTE shadows a table of the same name elsewhere in the query).
 */
export function extractTables(statement: AstNode): TableMention[] {
  const cteNames = new Set<string>();
  const mentions: TableMention[] = [];
  visitNodes(statement, (node) => {
    for (const entry of nodesAt(nodeAt(node, 'cte_map') ?? {}, 'map')) cteNames.add(textAt(entry, 'key').toLowerCase());
    if (node.type === 'BASE_TABLE') {
      const schema = textAt(node, 'schema_name').toLowerCase();
      const table = textAt(node, 'table_name').toLowerCase();
      mentions.push({ name: schema === '' ? table : `${schema}.${table}`, offset: typeof node.query_location === 'number' ? node.query_location : 0 });
    }
  });
  const first = new Map<string, TableMention>();
  for (const m of mentions.sort((a, b) => a.offset - b.offset)) {
    if (!cteNames.has(m.name) && !first.has(m.name)) first.set(m.name, m);
  }
  return [...first.values()];
}
