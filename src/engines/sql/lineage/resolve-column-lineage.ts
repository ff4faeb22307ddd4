import type { ColumnRef, QueryShape, ShapeRelation } from '../parse/query-shape.ts';
import type { LineageColumn, ModelLineage } from './analyzed-project.ts';

/** Known output columns of a table (model or source), lower-cased; `undefined` when unknown. */
export type TableColumns = (table: string) => readonly string[] | undefined;

type Scope = { readonly alias: string; readonly table?: string; readonly columns: ReadonlyMap<string, readonly string[]> | undefined };
type Resolved = { columns: LineageColumn[] | undefined; rowSources: Set<string> };

/**
 * Column-level lineage of one query: each output column with the upstream `table.column`s it is computed
 * from, through CTEs, subqueries and joins, with `*` expanded where the columns are known.
 */
export function resolveColumnLineage(shape: QueryShape, tableColumns: TableColumns): ModelLineage {
  const resolved = resolveShape(shape, tableColumns);
  return { columns: resolved.columns, rowSources: [...resolved.rowSources].sort() };
}

function resolveShape(shape: QueryShape, tableColumns: TableColumns): Resolved {
  if (shape.branches.length > 0) return mergeBranches(shape.branches.map((b) => resolveShape(b, tableColumns)));
  const rowSources = new Set<string>();
  const scopes = shape.relations.map((r) => scopeOf(r, tableColumns, rowSources));
  for (const clause of shape.clauses) {
    if (clause.kind === 'order') continue;
    for (const ref of clause.refs) for (const source of resolveRef(ref, scopes)) rowSources.add(source);
  }
  let complete = true;
  const columns = shape.outputs.flatMap((output): LineageColumn[] => {
    if (output.star === undefined) {
      return [{ name: output.name.toLowerCase(), sources: unique(output.refs.flatMap((ref) => resolveRef(ref, scopes))) }];
    }
    const { relation, exclude } = output.star;
    const expanded = scopes.filter((s) => relation === undefined || s.alias === relation);
    if (expanded.some((s) => s.columns === undefined)) complete = false;
    return expanded.flatMap((s) => [...(s.columns ?? new Map<string, readonly string[]>())]
      .filter(([name]) => !exclude.includes(name))
      .map(([name, sources]) => ({ name, sources })));
  });
  return { columns: complete ? columns : undefined, rowSources };
}

function scopeOf(relation: ShapeRelation, tableColumns: TableColumns, rowSources: Set<string>): Scope {
  if (relation.kind === 'opaque') return { alias: relation.alias, columns: undefined };
  if (relation.kind === 'table') {
    const names = tableColumns(relation.table);
    const columns = names === undefined ? undefined : new Map(names.map((n) => [n, [`${relation.table}.${n}`]]));
    return { alias: relation.alias, table: relation.table, columns };
  }
  const inner = resolveShape(relation.query, tableColumns);
  for (const source of inner.rowSources) rowSources.add(source);
  const columns = inner.columns === undefined ? undefined : new Map(inner.columns.map((c) => [c.name, c.sources]));
  return { alias: relation.alias, columns };
}

/** `o.amount` → the sources of `amount` in the relation called `o`; a bare `amount` → wherever it is found. */
function resolveRef(ref: ColumnRef, scopes: readonly Scope[]): readonly string[] {
  const column = ref[ref.length - 1] ?? '';
  const qualifier = ref.slice(0, -1).join('.');
  const candidates = qualifier === ''
    ? scopes
    : scopes.filter((s) => s.alias === qualifier || s.table === qualifier || s.table?.endsWith(`.${qualifier}`));
  const known = candidates.filter((s) => s.columns?.has(column) === true);
  if (known.length > 0) return known.flatMap((s) => s.columns?.get(column) ?? []);
  // Unknown columns of a source, or a column the table no longer has (a removed column still points upstream).
  const tables = candidates.filter((s) => s.table !== undefined);
  const open = tables.filter((s) => s.columns === undefined);
  return (open.length > 0 ? open : tables).map((s) => `${s.table}.${column}`);
}

function mergeBranches(branches: readonly Resolved[]): Resolved {
  const [first, ...rest] = branches;
  const rowSources = new Set(branches.flatMap((b) => [...b.rowSources]));
  if (first?.columns === undefined || rest.some((b) => b.columns === undefined)) return { columns: undefined, rowSources };
  const columns = first.columns.map((c, i) => ({
    name: c.name,
    sources: unique([...c.sources, ...rest.flatMap((b) => b.columns?.[i]?.sources ?? [])]),
  }));
  return { columns, rowSources };
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)].sort();
}
