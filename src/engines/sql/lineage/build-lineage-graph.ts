import type { AnalyzedSqlProject } from './analyzed-project.ts';
import type { SqlLineageGraph, SqlNodeStatus } from '../changes/sql-change-set.ts';

/**
 * The picture's graph: every model with a status other than `unchanged` and, for context, the direct
 * upstream models and sources of changed models. Names as written; edges point downstream.
 */
export function buildLineageGraph(head: AnalyzedSqlProject, statuses: ReadonlyMap<string, SqlNodeStatus>, removed: readonly string[]): SqlLineageGraph {
  const shown = new Map<string, { name: string; kind: 'model' | 'source'; status: SqlNodeStatus }>();
  const display = (key: string): { name: string; kind: 'model' | 'source' } => {
    const model = head.models.get(key);
    if (model !== undefined) return { name: model.model.name, kind: 'model' };
    return { name: head.project.sources.find((s) => s.name.toLowerCase() === key)?.name ?? key, kind: 'source' };
  };
  const edges: { from: string; to: string }[] = [];
  for (const key of head.order) {
    const status = statuses.get(key);
    if (status === undefined) continue;
    shown.set(key, { ...display(key), status });
    for (const dep of head.models.get(key)?.dependsOn ?? []) {
      if (!shown.has(dep)) shown.set(dep, { ...display(dep), status: statuses.get(dep) ?? 'unchanged' });
      edges.push({ from: display(dep).name, to: display(key).name });
    }
  }
  const nodes = [...shown.values(), ...removed.map((name) => ({ name, kind: 'model' as const, status: 'removed' as const }))];
  return { nodes, edges };
}
