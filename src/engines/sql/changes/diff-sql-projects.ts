import type { AnalyzedSqlProject } from '../lineage/analyzed-project.ts';
import { buildLineageGraph } from '../lineage/build-lineage-graph.ts';
import { findDownstream, findImpacts } from '../lineage/find-downstream.ts';
import { categorizeModelChange } from './categorize-model-change.ts';
import type { SqlChangeSet, SqlIndirectModel, SqlModifiedModel, SqlNodeStatus } from './sql-change-set.ts';

/**
 * Compares the base project with the head project (pure): added, removed and directly modified models
 * (by fingerprint, so formatting and comments are no change) with their category and reasons, the
 * downstream models they reach, and the lineage graph of all of it.
 */
export function diffSqlProjects(base: AnalyzedSqlProject, head: AnalyzedSqlProject): SqlChangeSet {
  const added = head.order.filter((n) => !base.models.has(n));
  const removed = base.order.filter((n) => !head.models.has(n));
  const modified: (SqlModifiedModel & { key: string })[] = [];
  for (const name of head.order) {
    const [before, after] = [base.models.get(name), head.models.get(name)];
    if (before === undefined || after === undefined || before.fingerprint === after.fingerprint) continue;
    const change = categorizeModelChange(before, after);
    const impacts = change.category === 'breaking' ? findImpacts(head, name, change.columns) : [];
    modified.push({ key: name, model: after.model.name, file: after.model.file, category: change.category, reasons: [...change.reasons], impacts });
  }
  const indirect = indirectModels(head, modified, new Set(added));
  const statuses = new Map<string, SqlNodeStatus>([
    ...indirect.map((m) => [m.model.toLowerCase(), 'impacted'] as const),
    ...added.map((n) => [n, 'added'] as const),
    ...modified.map((m) => [m.key, m.category] as const),
  ]);
  const file = (project: AnalyzedSqlProject, n: string): { model: string; file: string } => {
    const m = project.models.get(n)?.model;
    return { model: m?.name ?? n, file: m?.file ?? '' };
  };
  return {
    added: added.map((n) => file(head, n)),
    removed: removed.map((n) => file(base, n)),
    modified: modified.map(({ key: _key, ...m }) => m),
    indirect,
    lineage: buildLineageGraph(head, statuses, removed.map((n) => file(base, n).model)),
  };
}

function indirectModels(head: AnalyzedSqlProject, modified: readonly (SqlModifiedModel & { key: string })[], added: ReadonlySet<string>): SqlIndirectModel[] {
  const direct = new Set([...modified.map((m) => m.key), ...added]);
  const reaches = new Map(modified.map((m) => [m.key, new Set(findDownstream(head, [m.key]))]));
  return findDownstream(head, modified.map((m) => m.key)).filter((n) => !direct.has(n)).map((name) => {
    const analyzed = head.models.get(name);
    const upstream = modified.filter((m) => reaches.get(m.key)?.has(name) === true);
    const impacts = upstream.flatMap((m) => m.impacts.filter((i) => i.model.toLowerCase() === name));
    const columns = impacts.some((i) => i.columns === null) || impacts.length === 0
      ? null
      : [...new Set(impacts.flatMap((i) => i.columns ?? []))].sort();
    return {
      model: analyzed?.model.name ?? name,
      file: analyzed?.model.file ?? '',
      upstream: upstream.map((m) => m.model),
      breaking: impacts.length > 0,
      columns,
    };
  });
}
