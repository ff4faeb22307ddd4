import type { SqlLineageGraph, SqlNodeStatus } from '../core/plans/sql-plan.ts';

/** Node classes: the three the summary comment shows, plus additions and removals. */
const CLASS_OF: Record<SqlNodeStatus, string> = {
  'breaking': 'breaking', 'non-breaking': 'changed', 'added': 'added', 'removed': 'removed', 'impacted': 'impacted', 'unchanged': 'unchanged',
};

const CLASS_DEFS = 'classDef breaking fill:#ffd6d6; classDef changed fill:#d6e9ff; classDef added fill:#d9f2d9; '
  + 'classDef removed fill:#eeeeee,stroke-dasharray:4 4; classDef impacted fill:#fff2cc; classDef unchanged fill:#eeeeee';

/**
 * The lineage picture of a SQL plan as a Mermaid flowchart (pure), drawn from the graph the engine computed
 * (`SqlReport.lineage`): changed and impacted models coloured by status, their direct upstream in grey. Past
 * `maxNodes`, unchanged context is dropped first and a note node says how many models are not shown, so the
 * picture never outgrows the comment.
 */
export function renderLineageMermaid(lineage: SqlLineageGraph, options: { maxNodes?: number } = {}): string {
  const maxNodes = options.maxNodes ?? 60;
  const ranked = [...lineage.nodes].sort((a, b) => RANK[a.status] - RANK[b.status]);
  const kept = ranked.slice(0, maxNodes);
  const ids = new Map(kept.map((n, i) => [n.name, `${safeId(n.name)}_${i}`]));
  const lines = ['flowchart LR'];
  for (const node of kept) lines.push(`  ${ids.get(node.name)}[${label(node.name)}]:::${CLASS_OF[node.status]}`);
  for (const edge of lineage.edges) {
    const [from, to] = [ids.get(edge.from), ids.get(edge.to)];
    if (from !== undefined && to !== undefined) lines.push(`  ${from} --> ${to}`);
  }
  const hidden = ranked.length - kept.length;
  if (hidden > 0) lines.push(`  more["… ${hidden} more model${hidden === 1 ? '' : 's'} not shown"]:::unchanged`);
  lines.push(`  ${CLASS_DEFS}`);
  return lines.join('\n');
}

/** Most important first: what is dropped last when the picture is cut. */
const RANK: Readonly<Record<SqlNodeStatus, number>> = { breaking: 0, 'non-breaking': 1, added: 2, removed: 3, impacted: 4, unchanged: 5 };

function safeId(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Quoted label, so dots and odd characters never break the syntax. */
function label(name: string): string {
  return `"${name.replace(/"/g, '#quot;')}"`;
}
