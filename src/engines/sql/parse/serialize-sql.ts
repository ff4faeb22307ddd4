/**
 * DuckDB's parse trees of many SQL texts in one call (`json_serialize_sql`, the engine's parser), as
 * parsed JSON in input order. A text that does not parse gives DuckDB's `{ error: true, … }` object.
 */
import { DuckDBInstance, LIST, VARCHAR, listValue } from '@duckdb/node-api';

export async function serializeSql(texts: readonly string[]): Promise<unknown[]> {
  if (texts.length === 0) return [];
  const instance = await DuckDBInstance.create(':memory:', { enable_external_access: 'false', lock_configuration: 'true' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll('select list_transform($1, s -> json_serialize_sql(s::varchar))', [listValue([...texts])], [LIST(VARCHAR)]);
    const cell = reader.getRows()[0]?.[0] as { items: readonly string[] } | undefined;
    return texts.map((_, i) => JSON.parse(cell?.items[i] ?? '{}') as unknown);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
