/** The lineage graph a SQL plan carries (`{ nodes, edges }`, see SqlLineageGraph), wherever the engine put it. */
export type LineageGraph = {
  readonly nodes: readonly { readonly name: string; readonly status?: string; readonly kind?: string }[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
};

export function findLineage(value: unknown, depth = 0): LineageGraph | undefined {
  if (typeof value === 'string' && value.startsWith('flowchart')) return parseMermaidLineage(value);
  if (depth > 4 || value === null || typeof value !== 'object') return undefined;
  if (isLineage(value)) return value;
  for (const child of Object.values(value as Record<string, unknown>)) {
    const found = findLineage(child, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isLineage(value: object): value is LineageGraph {
  const v = value as { nodes?: unknown; edges?: unknown };
  return Array.isArray(v.nodes) && Array.isArray(v.edges) && v.nodes.length > 0
    && v.nodes.every((n) => typeof (n as { name?: unknown }).name === 'string')
    && v.edges.every((e) => typeof (e as { from?: unknown }).from === 'string' && typeof (e as { to?: unknown }).to === 'string');
}

/** The graph as an indented tree from its roots (nodes nothing points to); a node seen before is not expanded again. */
export function lineageTree(graph: LineageGraph, label: (name: string, status: string | undefined) => string): string[] {
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

/** The lineage flowchart a SQL plan carries (`id["name"]:::class` nodes, `a --> b` edges) back as a graph. */
export function parseMermaidLineage(text: string): LineageGraph | undefined {
  const names = new Map<string, { name: string; status: string }>();
  const edges: { from: string; to: string }[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    const node = /^([A-Za-z0-9_]+)\["(.*)"\]:::([a-z-]+)$/.exec(line);
    if (node !== null && node[1] !== undefined && node[2] !== undefined && node[3] !== undefined) {
      names.set(node[1], { name: node[2].replace(/#quot;/g, '"'), status: node[3] === 'changed' ? 'non-breaking' : node[3] });
      continue;
    }
    const edge = /^([A-Za-z0-9_]+) --> ([A-Za-z0-9_]+)$/.exec(line);
    const [from, to] = [names.get(edge?.[1] ?? ''), names.get(edge?.[2] ?? '')];
    if (from !== undefined && to !== undefined) edges.push({ from: from.name, to: to.name });
  }
  return names.size === 0 ? undefined : { nodes: [...names.values()], edges };
}
