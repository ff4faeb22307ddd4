import type { QueryShape, ShapeClause, ShapeClauseKind, ShapeOutput, ShapeRelation } from '../parse/query-shape.ts';

/** What changed between two versions of a query: breaking and additive reasons, and which outputs changed. */
export type ShapeComparison = {
  readonly breaking: readonly string[];
  readonly additive: readonly string[];
  /** Output columns whose values change (lower-cased), or `all` when rows change (filters, joins, grain). */
  readonly columns: ReadonlySet<string> | 'all';
};

type Acc = { breaking: string[]; additive: string[]; columns: Set<string> | 'all' };

/**
 * Compares two query outlines the way SQLMesh categorizes: adding output columns is additive; removing,
 * renaming or changing a column, or changing filters, joins, grouping, DISTINCT, LIMIT or a set operation,
 * is breaking. CTEs and subqueries are compared by name, their breaking reasons prefixed with where they are.
 */
export function compareQueryShapes(base: QueryShape, head: QueryShape): ShapeComparison {
  const acc: Acc = { breaking: [], additive: [], columns: new Set() };
  compareInto(acc, base, head, '');
  return acc;
}

function compareInto(acc: Acc, base: QueryShape, head: QueryShape, where: string): void {
  const nested = where !== '';
  if (base.branches.length > 0 || head.branches.length > 0) return compareBranches(acc, base, head, where);
  compareOutputs(acc, base.outputs, head.outputs, where);
  compareClauses(acc, base, head, where);
  compareRelations(acc, base, head, where);
  compareCtes(acc, base, head, where);
  if (nested && acc.breaking.some((r) => r.startsWith(where))) acc.columns = 'all';
}

function compareBranches(acc: Acc, base: QueryShape, head: QueryShape, where: string): void {
  if (base.branches.length !== head.branches.length || keyOf(base.clauses) !== keyOf(head.clauses)) {
    breakRows(acc, `${where}set operation changed`);
    return;
  }
  base.branches.forEach((b, i) => {
    const h = head.branches[i] as QueryShape;
    const branchWhere = i === 0 ? where : `${where}UNION branch ${i + 1}: `;
    if (keyOf(b) !== keyOf(h)) compareInto(acc, b, h, branchWhere);
  });
}

function compareOutputs(acc: Acc, base: readonly ShapeOutput[], head: readonly ShapeOutput[], where: string): void {
  const headByName = new Map(head.map((o) => [o.name.toLowerCase(), o]));
  const baseByName = new Map(base.map((o) => [o.name.toLowerCase(), o]));
  const removed = base.filter((o) => !headByName.has(o.name.toLowerCase()));
  const added = head.filter((o) => !baseByName.has(o.name.toLowerCase()));
  const renamed = removed.length === added.length && removed.every((o, i) => o.key === added[i]?.key);
  removed.forEach((o, i) => {
    const reason = renamed ? `\`${o.name}\` renamed to \`${added[i]?.name ?? ''}\`` : `\`${o.name}\` removed`;
    breakColumn(acc, `${where}${reason}`, o.name);
  });
  if (!renamed) for (const o of added) acc.additive.push(`${where}\`${o.name}\` added`);
  const kept = (outputs: readonly ShapeOutput[], other: ReadonlyMap<string, ShapeOutput>): string[] =>
    outputs.map((o) => o.name.toLowerCase()).filter((n) => other.has(n));
  if (kept(base, headByName).join() !== kept(head, baseByName).join()) acc.additive.push(`${where}columns reordered`);
  for (const o of base) {
    const now = headByName.get(o.name.toLowerCase());
    if (now === undefined || now.key === o.key) continue;
    const retyped = o.cast !== now.cast && (o.cast !== undefined || now.cast !== undefined);
    const reason = retyped ? `\`${o.name}\` retyped (${o.cast ?? 'uncast'} → ${now.cast ?? 'uncast'})` : `\`${o.name}\` changed`;
    breakColumn(acc, `${where}${reason}`, o.name);
  }
}

const CLAUSE_WORDS: Record<ShapeClauseKind, string> = {
  filter: 'filter', join: 'join', group: 'GROUP BY', having: 'HAVING', qualify: 'QUALIFY',
  distinct: 'DISTINCT', limit: 'LIMIT', order: 'ORDER BY', set: 'set operation',
};

function compareClauses(acc: Acc, base: QueryShape, head: QueryShape, where: string): void {
  // A join to a relation added or removed is told once, by compareRelations.
  const moved = new Set(movedRelations(base.relations, head.relations).map((r) => r.alias));
  const clauses = (shape: QueryShape, kind: ShapeClauseKind): ShapeClause[] =>
    shape.clauses.filter((c) => c.kind === kind && !(kind === 'join' && c.label !== undefined && moved.has(c.label)));
  for (const kind of Object.keys(CLAUSE_WORDS) as ShapeClauseKind[]) {
    const [before, after] = [clauses(base, kind), clauses(head, kind)];
    const [b, h] = [before.map((c) => c.key), after.map((c) => c.key)];
    if (b.join('\n') === h.join('\n')) continue;
    const word = CLAUSE_WORDS[kind];
    if (kind === 'order') {
      acc.additive.push(`${where}${word} changed`);
      continue;
    }
    const columns = changedColumns(before.filter((c) => !h.includes(c.key)), after.filter((c) => !b.includes(c.key)));
    const subject = columns.length > 0 && columns.length <= 3 ? `${columns.map((c) => `\`${c}\``).join(', ')} ` : '';
    const verb = b.every((k) => h.includes(k)) ? 'added' : h.every((k) => b.includes(k)) ? 'removed' : 'changed';
    breakRows(acc, `${where}${subject}${word} ${verb}`);
  }
}

/** Columns only one side's changed clauses mention (`status` added to a GROUP BY); else all they mention. */
function changedColumns(before: readonly ShapeClause[], after: readonly ShapeClause[]): string[] {
  const names = (clauses: readonly ShapeClause[]): Set<string> => new Set(clauses.flatMap((c) => c.refs.map((r) => r[r.length - 1] ?? '')));
  const [b, h] = [names(before), names(after)];
  const difference = [...[...b].filter((n) => !h.has(n)), ...[...h].filter((n) => !b.has(n))];
  return difference.length > 0 ? difference : [...new Set([...b, ...h])];
}

const labelOf = (r: ShapeRelation): string => (r.kind === 'table' ? r.table : r.alias);

/** Relations on one side only (by table name, or alias for subqueries), head's first. */
function movedRelations(base: readonly ShapeRelation[], head: readonly ShapeRelation[]): (ShapeRelation & { added: boolean })[] {
  const [b, h] = [base.map(labelOf), head.map(labelOf)];
  return [
    ...head.filter((r) => !b.includes(labelOf(r))).map((r) => ({ ...r, added: true })),
    ...base.filter((r) => !h.includes(labelOf(r))).map((r) => ({ ...r, added: false })),
  ];
}

function compareRelations(acc: Acc, base: QueryShape, head: QueryShape, where: string): void {
  for (const moved of movedRelations(base.relations, head.relations)) {
    const join = (moved.added ? head : base).clauses.find((c) => c.kind === 'join' && c.label === moved.alias);
    const columns = [...new Set(join?.refs.map((r) => `\`${r[r.length - 1] ?? ''}\``) ?? [])];
    const on = columns.length > 0 && columns.length <= 3 ? ` on ${columns.join(', ')}` : '';
    breakRows(acc, `${where}join to \`${labelOf(moved)}\`${on} ${moved.added ? 'added' : 'removed'}`);
  }
  for (const before of base.relations) {
    const renamed = head.relations.find((r) => labelOf(r) === labelOf(before) && r.kind === 'table' && r.alias !== before.alias);
    if (before.kind === 'table' && renamed !== undefined) acc.additive.push(`${where}alias \`${before.alias}\` renamed to \`${renamed.alias}\``);
    const after = head.relations.find((r) => r.alias === before.alias);
    if (before.kind !== 'query' || after?.kind !== 'query' || before.cte !== undefined) continue;
    if (keyOf(before.query) !== keyOf(after.query)) compareInto(acc, before.query, after.query, `${where}subquery \`${before.alias}\`: `);
  }
}

function compareCtes(acc: Acc, base: QueryShape, head: QueryShape, where: string): void {
  for (const cte of head.ctes) {
    const before = base.ctes.find((c) => c.name === cte.name);
    if (before === undefined) acc.additive.push(`${where}CTE \`${cte.name}\` added`);
    else if (keyOf(before.query) !== keyOf(cte.query)) compareInto(acc, before.query, cte.query, `${where}CTE \`${cte.name}\`: `);
  }
  for (const cte of base.ctes.filter((c) => !head.ctes.some((h) => h.name === c.name))) acc.additive.push(`${where}CTE \`${cte.name}\` removed`);
}

function breakColumn(acc: Acc, reason: string, column: string): void {
  acc.breaking.push(reason);
  if (acc.columns !== 'all') acc.columns.add(column.toLowerCase());
}

function breakRows(acc: Acc, reason: string): void {
  acc.breaking.push(reason);
  acc.columns = 'all';
}

function keyOf(value: unknown): string {
  return JSON.stringify(value);
}
