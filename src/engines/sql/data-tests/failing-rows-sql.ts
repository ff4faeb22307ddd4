/** Each data test as the query selecting its failing rows, the same SQL on DuckDB and PostgreSQL. */
import type { DataTest, TestTable } from './schema.ts';

type Quote = (name: string) => string;

export function testName(test: DataTest): string {
  if (test.name) return test.name;
  const table = test.table ? `${test.table.schema}.${test.table.table}` : '';
  switch (test.kind) {
    case 'not_null': case 'accepted_values': case 'relationships': return `${test.kind}(${table}.${test.column})`;
    case 'unique': return `unique(${table}.${test.columns.join(', ')})`;
    case 'row_count': return `row_count(${table})`;
    case 'sql': return 'sql';
  }
}

/** A literal for `accepted_values`: strings quoted with `''` escaping; only finite numbers. */
export function sqlLiteral(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`accepted value ${value} is not a finite number`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

function tableRef(table: TestTable, q: Quote): string {
  return `${q(table.schema)}.${q(table.table)}`;
}

/** A user's query with trailing semicolons and whitespace removed, so it can be nested. */
export function nestable(sql: string): string {
  return sql.trim().replace(/[;\s]+$/, '');
}

export function failingRowsSql(test: DataTest, q: Quote): string {
  if (test.kind === 'sql') return nestable(test.sql);
  const t = tableRef(test.table, q);
  switch (test.kind) {
    case 'not_null':
      return `SELECT * FROM ${t} WHERE ${q(test.column)} IS NULL`;
    case 'unique': {
      const cols = test.columns.map(q);
      return `SELECT ${cols.join(', ')}, count(*) AS occurrences FROM ${t}
        WHERE ${cols.map((c) => `${c} IS NOT NULL`).join(' AND ')} GROUP BY ${cols.join(', ')} HAVING count(*) > 1`;
    }
    case 'accepted_values':
      return `SELECT * FROM ${t} WHERE ${q(test.column)} IS NOT NULL AND ${q(test.column)} NOT IN (${test.values.map(sqlLiteral).join(', ')})`;
    case 'relationships':
      return `SELECT * FROM ${t} c WHERE c.${q(test.column)} IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM ${tableRef(test.to, q)} p WHERE p.${q(test.field)} = c.${q(test.column)})`;
    case 'row_count': {
      const outside = [test.min !== undefined ? `n < ${test.min}` : '', test.max !== undefined ? `n > ${test.max}` : ''].filter(Boolean);
      return `SELECT n AS row_count FROM (SELECT count(*) AS n FROM ${t}) c WHERE ${outside.join(' OR ')}`;
    }
  }
}
