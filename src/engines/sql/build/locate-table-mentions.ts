/**
 * Every place a query names a table, as character ranges of the SQL text: what the PR build rewrites.
 * Positions come from DuckDB's parser (`json_serialize_sql`, the same parser as the rest of the engine:
 * a BASE_TABLE node's `query_location` is where its qualified name starts); the end is found by reading
 * exactly the parts the parser saw (`catalog.schema.table`, quoted or not) from there.
 */
import { DuckDBInstance, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { isNode, nodeAt, nodesAt, textAt, visitNodes } from '../parse/duckdb-ast.ts';
import type { AstNode } from '../parse/duckdb-ast.ts';

/** A table named at `[start, end)` (characters) of the SQL; `name` is `schema.table` lower-cased. */
export type TableMention = { readonly name: string; readonly start: number; readonly end: number };

/** Mentions per text, in input order; `undefined` for a text that does not parse. */
export async function locateTableMentions(texts: readonly string[]): Promise<(TableMention[] | undefined)[]> {
  if (texts.length === 0) return [];
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll('select list_transform($1, s -> json_serialize_sql(s::varchar))', [listValue([...texts])], [LIST(VARCHAR)]);
    const cell = reader.getRows()[0]?.[0] as { items: readonly string[] } | undefined;
    return texts.map((text, i) => mentionsOf(text, cell?.items[i] ?? '{}'));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function mentionsOf(sql: string, json: string): TableMention[] | undefined {
  const root = JSON.parse(json) as unknown;
  if (!isNode(root) || root.error === true) return undefined;
  const ctes = new Set<string>();
  const found: TableMention[] = [];
  visitNodes(root, (node) => {
    for (const entry of nodesAt(nodeAt(node, 'cte_map') ?? {}, 'map')) ctes.add(textAt(entry, 'key').toLowerCase());
    if (node.type === 'BASE_TABLE') {
      const mention = mentionAt(sql, node);
      if (mention !== undefined) found.push(mention);
    }
  });
  return found.filter((m) => m.name.includes('.') || !ctes.has(m.name)).sort((a, b) => a.start - b.start);
}

function mentionAt(sql: string, node: AstNode): TableMention | undefined {
  const schema = textAt(node, 'schema_name').toLowerCase();
  const table = textAt(node, 'table_name').toLowerCase();
  const parts = [textAt(node, 'catalog_name'), schema, table].filter((p) => p !== '').length;
  const byteOffset = typeof node.query_location === 'number' ? node.query_location : -1;
  if (byteOffset < 0) return undefined;
  const start = charOffset(sql, byteOffset);
  const end = scanQualifiedName(sql, start, parts);
  return end === undefined ? undefined : { name: schema === '' ? table : `${schema}.${table}`, start, end };
}

function charOffset(sql: string, byteOffset: number): number {
  return Buffer.byteLength(sql, 'utf8') === sql.length ? byteOffset : Buffer.from(sql).subarray(0, byteOffset).toString('utf8').length;
}

/** The end of `parts` dot-separated identifiers starting at `start`, or undefined when the text disagrees. */
export function scanQualifiedName(sql: string, start: number, parts: number): number | undefined {
  let at = start;
  for (let part = 0; part < parts; part++) {
    if (part > 0) {
      const dot = /^\s*\.\s*/.exec(sql.slice(at));
      if (dot === null) return undefined;
      at += dot[0].length;
    }
    const ident = /^("(?:[^"]|"")*"|[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)/.exec(sql.slice(at));
    if (ident === null) return undefined;
    at += ident[0].length;
  }
  return at;
}
