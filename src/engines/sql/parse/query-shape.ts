/**
 * What the rest of the SQL engine knows about a parsed query: a parser-neutral outline (outputs,
 * relations, clauses, CTEs). Only `parse/` knows the parser's own AST.
 */

/** A column reference as written, lower-cased parts: `['o', 'amount']`, `['amount']`. */
export type ColumnRef = readonly string[];

export type ShapeRelation =
  /** A table (a model or a source); `table` is `schema.table` lower-cased, `alias` what the query calls it. */
  | { readonly kind: 'table'; readonly alias: string; readonly table: string }
  /** A CTE reference (`cte` is its name) or a subquery in FROM, with its own outline. */
  | { readonly kind: 'query'; readonly alias: string; readonly query: QueryShape; readonly cte?: string }
  /** A table function, VALUES list or anything else whose columns are not known. */
  | { readonly kind: 'opaque'; readonly alias: string };

export type ShapeOutput = {
  /** The output column name (alias, or the column's own name); `column <n>` for unnamed expressions. */
  readonly name: string;
  /** Normalized expression (no alias, no positions, no comments): equal keys mean the same expression. */
  readonly key: string;
  /** Outer cast type, e.g. `DECIMAL(10,2)`, when the expression is a cast. */
  readonly cast?: string;
  readonly refs: readonly ColumnRef[];
  /** A `*` or `t.*` item: expands to the relation's columns, minus `exclude`. */
  readonly star?: { readonly relation?: string; readonly exclude: readonly string[] };
};

export type ShapeClauseKind = 'filter' | 'join' | 'group' | 'having' | 'qualify' | 'distinct' | 'limit' | 'order' | 'set';

export type ShapeClause = {
  readonly kind: ShapeClauseKind;
  /** Normalized clause: equal keys mean the same clause. */
  readonly key: string;
  readonly refs: readonly ColumnRef[];
  /** For a join: the alias of the relation joined. */
  readonly label?: string;
};

export type QueryShape = {
  readonly ctes: readonly { readonly name: string; readonly query: QueryShape }[];
  readonly outputs: readonly ShapeOutput[];
  readonly relations: readonly ShapeRelation[];
  readonly clauses: readonly ShapeClause[];
  /** For UNION / EXCEPT / INTERSECT: every branch; `outputs` are the first branch's. */
  readonly branches: readonly QueryShape[];
};

/** A table a query reads, where it is named (1-based line and column in the model file). */
export type TableReference = { readonly name: string; readonly line: number; readonly column: number };

export type ParsedSql =
  | { readonly ok: true; readonly fingerprint: string; readonly tables: readonly TableReference[]; readonly shape: QueryShape }
  | { readonly ok: false; readonly message: string; readonly line: number; readonly column: number };
