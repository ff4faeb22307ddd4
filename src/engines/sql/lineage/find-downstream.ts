import type { AnalyzedSqlProject } from './analyzed-project.ts';
import type { SqlImpact } from '../changes/sql-change-set.ts';

/** Every model downstream of `names` (transitively), in dependency order, `names` themselves excluded. */
export function findDownstream(project: AnalyzedSqlProject, names: readonly string[]): string[] {
  const reached = new Set(names);
  const downstream: string[] = [];
  for (const name of project.order) {
    if (reached.has(name)) continue;
    if (project.models.get(name)?.dependsOn.some((d) => reached.has(d)) === true) {
      reached.add(name);
      downstream.push(name);
    }
  }
  return downstream;
}

type Reach = ReadonlySet<string> | 'all';

/**
 * The downstream models (and columns, through column lineage) that a change to `columns` of `model`
 * reaches. A model is reached wholly (`columns: null`) when an upstream change is row-level, when it
 * filters, joins or groups on a changed column, or when its own columns are unknown.
 */
export function findImpacts(project: AnalyzedSqlProject, model: string, columns: readonly string[] | 'all'): SqlImpact[] {
  const reach = new Map<string, Reach>([[model, columns === 'all' ? 'all' : new Set(columns)]]);
  const impacts: SqlImpact[] = [];
  for (const name of findDownstream(project, [model])) {
    const analyzed = project.models.get(name);
    if (analyzed === undefined) continue;
    const upstream = analyzed.dependsOn.filter((d) => reach.has(d));
    const hits = (source: string): boolean => upstream.some((u) => {
      const r = reach.get(u);
      return source.startsWith(`${u}.`) && (r === 'all' || r?.has(source.slice(u.length + 1)) === true);
    });
    const wholly = upstream.some((u) => reach.get(u) === 'all') || analyzed.lineage.columns === undefined
      || analyzed.lineage.rowSources.some(hits);
    const reached = wholly ? 'all' : new Set((analyzed.lineage.columns ?? []).filter((c) => c.sources.some(hits)).map((c) => c.name));
    if (reached !== 'all' && reached.size === 0) continue;
    reach.set(name, reached);
    impacts.push({ model: analyzed.model.name, columns: reached === 'all' ? null : [...reached].sort() });
  }
  return impacts;
}
