import { columnRefsIn, nodeAt, nodesAt, normalizedKey, textAt } from './duckdb-ast.ts';
import type { AstNode } from './duckdb-ast.ts';
import type { QueryShape, ShapeClause, ShapeOutput, ShapeRelation } from './query-shape.ts';

type Ctes = ReadonlyMap<string, QueryShape>;

/** Outlines a DuckDB query node (`SELECT_NODE` or `SET_OPERATION_NODE`), CTEs resolved by name. */
export function buildQueryShape(node: AstNode, outerCtes: Ctes = new Map()): QueryShape {
  const ctes = new Map(outerCtes);
  const own: { name: string; query: QueryShape }[] = [];
  for (const entry of nodesAt(nodeAt(node, 'cte_map') ?? {}, 'map')) {
    const query = nodeAt(nodeAt(nodeAt(entry, 'value') ?? {}, 'query') ?? {}, 'node');
    if (query === undefined) continue;
    const shape = buildQueryShape(query, ctes);
    const name = textAt(entry, 'key').toLowerCase();
    ctes.set(name, shape);
    own.push({ name, query: shape });
  }
  const body = node.type === 'SET_OPERATION_NODE' ? setOperationShape(node, ctes) : selectShape(node, ctes);
  return { ...body, ctes: own, clauses: [...body.clauses, ...modifierClauses(node)] };
}

function setOperationShape(node: AstNode, ctes: Ctes): QueryShape {
  const branches = ['left', 'right'].flatMap((side) => {
    const child = nodeAt(node, side);
    if (child === undefined) return [];
    const shape = buildQueryShape(child, ctes);
    return shape.branches.length > 0 && child.type === 'SET_OPERATION_NODE' ? shape.branches : [shape];
  });
  const key = normalizedKey({ op: node.setop_type, all: node.setop_all });
  return { ctes: [], outputs: branches[0]?.outputs ?? [], relations: [], clauses: [{ kind: 'set', key, refs: [] }], branches };
}

function selectShape(node: AstNode, ctes: Ctes): QueryShape {
  const from: FromParts = { relations: [], joins: [] };
  collectFrom(nodeAt(node, 'from_table'), ctes, from);
  const { relations } = from;
  const qualifiers = canonicalQualifiers(relations);
  const clauses: ShapeClause[] = from.joins.map(({ raw, refs, label }) => ({
    kind: 'join', key: normalizedKey(raw, { qualifiers }), refs, ...(label === undefined ? {} : { label }),
  }));
  const outputs = nodesAt(node, 'select_list').map((item, i) => outputOf(item, i, qualifiers));
  const clause = (kind: ShapeClause['kind'], value: unknown, refs: ShapeClause['refs'] = columnRefsIn(value)): void => {
    if (value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)) {
      clauses.push({ kind, key: normalizedKey(value, { keepAlias: true, qualifiers }), refs });
    }
  };
  clause('filter', node.where_clause);
  const groups = nodesAt(node, 'group_expressions');
  clause('group', groups.length > 0 ? groups : null, groups.flatMap((g) => positionalRefs(g, outputs) ?? columnRefsIn(g)));
  if (node.aggregate_handling === 'FORCE_AGGREGATES') clause('group', 'ALL', outputs.flatMap((o) => o.refs));
  clause('having', node.having);
  clause('qualify', node.qualify);
  return { ctes: [], outputs, relations, clauses, branches: [] };
}

/** Alias → what it stands for (table or CTE name), for every alias whose table appears once in FROM. */
function canonicalQualifiers(relations: readonly ShapeRelation[]): Map<string, string> {
  const canonical = (r: ShapeRelation): string => (r.kind === 'table' ? r.table : r.kind === 'query' && r.cte !== undefined ? r.cte : r.alias);
  const counts = new Map<string, number>();
  for (const r of relations) counts.set(canonical(r), (counts.get(canonical(r)) ?? 0) + 1);
  return new Map(relations.filter((r) => counts.get(canonical(r)) === 1).map((r) => [r.alias, canonical(r)]));
}

/** `GROUP BY 1` groups by the first output: its column references. */
function positionalRefs(expression: AstNode, outputs: readonly ShapeOutput[]): ShapeOutput['refs'] | undefined {
  const value = nodeAt(expression, 'value');
  if (expression.class !== 'CONSTANT' || value === undefined || typeof value.value !== 'number') return undefined;
  return outputs[value.value - 1]?.refs;
}

function outputOf(item: AstNode, index: number, qualifiers: ReadonlyMap<string, string>): ShapeOutput {
  const alias = textAt(item, 'alias');
  const columns = Array.isArray(item.column_names) ? (item.column_names as unknown[]).map(String) : [];
  const name = alias !== '' ? alias : item.class === 'COLUMN_REF' ? (columns[columns.length - 1] ?? '') : `column ${index + 1}`;
  const key = normalizedKey(item, { qualifiers });
  const refs = columnRefsIn(item);
  if (item.class === 'STAR' && item.columns !== true) {
    const relation = textAt(item, 'relation_name').toLowerCase();
    const exclude = Array.isArray(item.exclude_list) ? (item.exclude_list as unknown[]).map((e) => String(e).toLowerCase()) : [];
    return { name: relation === '' ? '*' : `${relation}.*`, key, refs, star: { ...(relation === '' ? {} : { relation }), exclude } };
  }
  const cast = item.class === 'CAST' ? formatType(nodeAt(item, 'cast_type')) : undefined;
  return { name, key, refs, ...(cast === undefined ? {} : { cast }) };
}

/** `DECIMAL(10,2)`, `VARCHAR`, `INTEGER[]`. */
function formatType(type: AstNode | undefined): string | undefined {
  if (type === undefined) return undefined;
  const info = nodeAt(type, 'type_info');
  const id = textAt(type, 'id');
  if (info !== undefined && typeof info.width === 'number') return `${id}(${info.width},${String(info.scale)})`;
  const child = info === undefined ? undefined : nodeAt(info, 'child_type');
  if (id === 'LIST' && child !== undefined) return `${formatType(child) ?? '?'}[]`;
  return id;
}

type FromParts = { relations: ShapeRelation[]; joins: { raw: unknown; refs: ShapeClause['refs']; label?: string }[] };

function collectFrom(ref: AstNode | undefined, ctes: Ctes, out: FromParts): void {
  if (ref === undefined) return;
  const alias = textAt(ref, 'alias').toLowerCase();
  switch (ref.type) {
    case 'JOIN': {
      collectFrom(nodeAt(ref, 'left'), ctes, out);
      collectFrom(nodeAt(ref, 'right'), ctes, out);
      const using = Array.isArray(ref.using_columns) ? (ref.using_columns as unknown[]).map((c) => [String(c).toLowerCase()]) : [];
      const raw = { type: ref.join_type, ref: ref.ref_type, on: ref.condition, using: ref.using_columns };
      const label = out.relations[out.relations.length - 1]?.alias;
      out.joins.push({ raw, refs: [...columnRefsIn(ref.condition), ...using], ...(label === undefined ? {} : { label }) });
      return;
    }
    case 'BASE_TABLE': {
      const table = [textAt(ref, 'schema_name'), textAt(ref, 'table_name')].filter((p) => p !== '').join('.').toLowerCase();
      const cte = textAt(ref, 'schema_name') === '' ? ctes.get(table) : undefined;
      const name = alias === '' ? table.split('.').pop() ?? table : alias;
      out.relations.push(cte === undefined ? { kind: 'table', alias: name, table } : { kind: 'query', alias: name, query: cte, cte: table });
      return;
    }
    case 'SUBQUERY': {
      const query = nodeAt(nodeAt(ref, 'subquery') ?? {}, 'node');
      if (query !== undefined) out.relations.push({ kind: 'query', alias, query: buildQueryShape(query, ctes) });
      return;
    }
    case 'EMPTY':
      return;
    default:
      out.relations.push({ kind: 'opaque', alias });
  }
}

function modifierClauses(node: AstNode): ShapeClause[] {
  return nodesAt(node, 'modifiers').map((m) => {
    const kind = m.type === 'DISTINCT_MODIFIER' ? 'distinct' : m.type === 'ORDER_MODIFIER' ? 'order' : 'limit';
    return { kind, key: normalizedKey(m, { keepAlias: true }), refs: columnRefsIn(m) };
  });
}
