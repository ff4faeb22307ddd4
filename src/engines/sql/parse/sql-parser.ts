import { createHash } from 'node:crypto';
import { DuckDBInstance, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { buildQueryShape } from './build-query-shape.ts';
import { isNode, nodeAt } from './duckdb-ast.ts';
import { extractTables } from './extract-tables.ts';
import { offsetLocator } from './locate-offset.ts';
import type { ParsedSql } from './query-shape.ts';

/**
 * The SQL parser of the engine: DuckDB's own parser through `json_serialize_sql`, so a model parses
 * here exactly when the warehouse would parse it (docs/sql-models.md explains the choice).
 */
export type SqlParser = {
  /** Parses many models in one DuckDB call; equal texts are parsed once. Results are in input order. */
  parse(texts: readonly string[]): Promise<ParsedSql[]>;
  close(): void;
};

export async function createSqlParser(): Promise<SqlParser> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return {
    async parse(texts) {
      const unique = [...new Set(texts)];
      if (unique.length === 0) return [];
      const reader = await connection.runAndReadAll(
        'select list_transform($1, s -> json_serialize_sql(s::varchar))',
        [listValue(unique)],
        [LIST(VARCHAR)],
      );
      const cell = reader.getRows()[0]?.[0] as { items: readonly string[] } | undefined;
      const byText = new Map(unique.map((text, i) => [text, toParsed(text, cell?.items[i] ?? '{}')]));
      return texts.map((text) => byText.get(text) as ParsedSql);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Parses with a parser of its own, closed afterwards. */
export async function parseSql(texts: readonly string[]): Promise<ParsedSql[]> {
  const parser = await createSqlParser();
  try {
    return await parser.parse(texts);
  } finally {
    parser.close();
  }
}

function toParsed(sql: string, json: string): ParsedSql {
  const result = JSON.parse(json) as unknown;
  const locate = offsetLocator(sql);
  if (!isNode(result) || result.error === true) {
    const error = isNode(result) ? result : {};
    const at = locate(Number(error.position ?? 0));
    return { ok: false, message: describeError(error), ...at };
  }
  const statements = Array.isArray(result.statements) ? result.statements.filter(isNode) : [];
  const node = statements.length === 1 && statements[0] !== undefined ? nodeAt(statements[0], 'node') : undefined;
  if (node === undefined) {
    return { ok: false, message: `a model is one SELECT statement; found ${statements.length}`, line: 1, column: 1 };
  }
  const tables = extractTables(node).map((t) => ({ name: t.name, ...locate(t.offset) }));
  // The whole statement's JSON without source positions: cheaper than walking the tree.
  const fingerprint = createHash('sha256').update(json.replace(/"query_location":\d+,?/g, '')).digest('hex');
  return { ok: true, fingerprint, tables, shape: buildQueryShape(node) };
}

function describeError(error: Readonly<Record<string, unknown>>): string {
  const message = typeof error.error_message === 'string' ? error.error_message : 'could not parse';
  if (error.error_type === 'not implemented') return 'a model is one SELECT statement';
  return `${typeof error.error_type === 'string' ? `${capitalize(error.error_type)} Error: ` : ''}${message}`;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
