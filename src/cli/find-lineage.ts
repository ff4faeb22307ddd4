import type { PlanBody } from '../core/plan.ts';
import type { SqlLineageGraph, SqlNodeStatus } from '../core/plans/sql-plan.ts';

/** The lineage graph of a SQL plan's report (as the engine computed it); undefined for other plans or an empty graph. */
export function findLineage(plan: PlanBody | undefined): SqlLineageGraph | undefined {
  if (plan?.kind !== 'sql' || plan.report.lineage.nodes.length === 0) return undefined;
  return plan.report.lineage;
}

/** The graph as an indented tree from its roots (nodes nothing points to); a node seen before is not expanded again. */
export function lineageTree(graph: SqlLineageGraph, label: (name: string, status: SqlNodeStatus | undefined) => string): string[] {
  const children = new Map<string, string[]>();
  for (const e of graph.edges) children.set(e.from, [...(children.get(e.from) ?? []), e.to]);
  const status = new Map(graph.nodes.map((n) => [n.name, n.status]));
  const pointedTo = new Set(graph.edges.map((e) => e.to));
  const roots = graph.nodes.map((n) => n.name).filter((n) => !pointedTo.has(n)).sort();
  const lines: string[] = [];
  const seen = new Set<string>();
  const walk = (name: string, prefix: string, branch: string): void => {
    const again = seen.has(name);
    lines.push(`${prefix}${branch}${label(name, status.get(name))}${again ? ' …' : ''}`);
    if (again) return;
    seen.add(name);
    const kids = [...(children.get(name) ?? [])].sort();
    const next = prefix + (branch === '' ? '' : branch === '└── ' ? '    ' : '│   ');
    kids.forEach((kid, i) => walk(kid, next, i === kids.length - 1 ? '└── ' : '├── '));
  };
  for (const root of roots) walk(root, '', '');
  return lines;
}
