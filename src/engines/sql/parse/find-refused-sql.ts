/**
 * The calls in ONE pull-request statement that may not run (refused-sql-rules.ts), each at its place, from
 * DuckDB's parse tree (`json_serialize_sql`): functions and table functions by name, wherever they sit
 * (subqueries, CTEs, lambdas, joins), and tables named like files. A text that is not exactly one SELECT
 * is refused as a whole: only a SELECT is ever wrapped and run.
 */
import { isNode, nodeAt, textAt, visitNodes, type AstNode } from './duckdb-ast.ts';
import { offsetLocator } from './locate-offset.ts';
import { isFileLikeTable, REFUSAL_TEXT, refusalOf } from './refused-sql-rules.ts';

export type RefusedSql = {
  /** What was refused: `read_text`, `'/etc/passwd'`, or the whole statement. */
  readonly what: string;
  /** Why, in words: `reading server files is not allowed in a pull-request build`. */
  readonly why: string;
  readonly line: number;
  readonly column: number;
};

/** `root` is the parsed JSON of `sql` (`json_serialize_sql`). Empty when the statement may run. */
export function findRefusedSql(sql: string, root: unknown): RefusedSql[] {
  const locate = offsetLocator(sql);
  if (!isNode(root) || root.error === true) {
    const reason = isNode(root) && typeof root.error_message === 'string' ? root.error_message : 'it does not parse';
    return [{ what: 'the statement', why: `only one SELECT statement may run in a pull-request build (${reason})`, ...locate(Number(isNode(root) ? root.position ?? 0 : 0)) }];
  }
  const statements = Array.isArray(root.statements) ? root.statements : [];
  if (statements.length !== 1) {
    return [{ what: 'the statement', why: `only one SELECT statement may run in a pull-request build; found ${statements.length}`, line: 1, column: 1 }];
  }
  const found: { offset: number; refused: Omit<RefusedSql, 'line' | 'column'> }[] = [];
  visitNodes(statements[0], (node) => {
    const refused = refusedAt(sql, node);
    if (refused !== undefined) found.push({ offset: locationOf(node), refused });
  });
  return found
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, refused }) => ({ ...refused, ...locate(Math.max(0, offset)) }));
}

function refusedAt(sql: string, node: AstNode): Omit<RefusedSql, 'line' | 'column'> | undefined {
  if ((node.class === 'FUNCTION' || node.class === 'WINDOW') && typeof node.function_name === 'string') {
    const reason = refusalOf(node.function_name);
    return reason === undefined ? undefined : { what: node.function_name.toLowerCase(), why: REFUSAL_TEXT[reason] };
  }
  if (node.type === 'BASE_TABLE') {
    const name = textAt(node, 'table_name');
    const literal = sql.charAt(charIndex(sql, locationOf(node))) === "'";
    if (textAt(node, 'schema_name') === '' && isFileLikeTable(name, literal)) return { what: `'${name}'`, why: REFUSAL_TEXT['reads-files'] };
  }
  return undefined;
}

/** A node's byte offset in the SQL; DuckDB gives 2^64 - 1 (as a double) for none. */
function locationOf(node: AstNode): number {
  const at = node.query_location ?? nodeAt(node, 'function')?.query_location;
  return typeof at === 'number' && at < Number.MAX_SAFE_INTEGER ? at : 0;
}

function charIndex(sql: string, byteOffset: number): number {
  return Buffer.byteLength(sql, 'utf8') === sql.length ? byteOffset : Buffer.from(sql).subarray(0, byteOffset).toString('utf8').length;
}
