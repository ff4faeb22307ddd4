/**
 * Collects what a `sql` plan carries besides its artifacts: the facts policies read (`SqlPolicyFacts`) and
 * the report render displays (`SqlReport`), both typed by src/core/plans/sql-plan.ts.
 */
import type { SqlLineageGraph, SqlPolicyFacts, SqlReport, SqlReportModel, SqlReportStatus } from '../../../core/plans/sql-plan.ts';
import type { SqlChangeSet } from '../changes/sql-change-set.ts';
import type { AnalyzedSqlProject } from '../lineage/analyzed-project.ts';
import { findDownstream } from '../lineage/find-downstream.ts';
import type { SqlModel } from '../models/sql-project.ts';
import type { ModelDiff } from './diff-built-models.ts';
import type { ModelTestOutcome } from '../build/run-model-tests.ts';

export type FactsInput = {
  readonly changes: SqlChangeSet;
  readonly base: AnalyzedSqlProject;
  readonly head: AnalyzedSqlProject;
  readonly diffs: readonly ModelDiff[];
  readonly tests: readonly ModelTestOutcome[];
};

type ModelFact = SqlPolicyFacts['models'][number];

/** Status, reasons and upstream of every built model, in the order they were built. */
export function modelStatuses(input: Pick<FactsInput, 'changes' | 'diffs'>): { name: string; status: SqlReportStatus; reasons: string[] }[] {
  const added = new Set(input.changes.added.map((a) => a.model));
  const modified = new Map(input.changes.modified.map((m) => [m.model, m]));
  const indirect = new Map(input.changes.indirect.map((m) => [m.model, m]));
  return input.diffs.map(({ model }) => {
    const m = modified.get(model);
    if (m !== undefined) return { name: model, status: m.category, reasons: m.reasons };
    if (added.has(model)) return { name: model, status: 'added' as const, reasons: [] };
    const upstream = indirect.get(model)?.upstream ?? [];
    return { name: model, status: 'indirect' as const, reasons: upstream.length > 0 ? [`upstream ${upstream.join(', ')} changed`] : [] };
  });
}

/** The policy facts: every built model (with its data diff's row counts), the removed models, failing tests. */
export function collectSqlFacts(input: FactsInput): SqlPolicyFacts {
  const statuses = modelStatuses(input);
  const diffs = new Map(input.diffs.map((d) => [d.model, d]));
  const models = statuses.map((s) => modelFact(input, s, diffs.get(s.name)));
  const removed = new Set(input.changes.removed.map((r) => r.model.toLowerCase()));
  const removedModels = input.changes.removed.map((r) => {
    const key = r.model.toLowerCase();
    const model = input.base.models.get(key)?.model;
    return { name: r.model, tags: tagsOf(model), owners: ownersOf(model), readers: readersOf(input.base, key, removed) };
  });
  const failingTests = input.tests.filter((t) => t.status === 'failed' || t.status === 'errored').length;
  return { models, removedModels, failingTests };
}

function modelFact(input: FactsInput, s: { name: string; status: SqlReportStatus; reasons: string[] }, diff: ModelDiff | undefined): ModelFact {
  const key = s.name.toLowerCase();
  const model = input.head.models.get(key)?.model;
  const rows = diff?.diff?.rows;
  const changed = rows === undefined ? 0 : rows.added + rows.removed + rows.changed;
  return {
    name: s.name,
    change: s.status === 'added' ? 'added' : s.status === 'indirect' ? 'indirect' : 'modified',
    category: s.status === 'added' ? 'non-breaking' : s.status === 'indirect' ? 'indirect' : s.status === 'breaking' ? 'breaking' : 'non-breaking',
    reasons: s.reasons,
    tags: tagsOf(model),
    owners: ownersOf(model),
    downstream: findDownstream(input.head, [key]).map((n) => input.head.models.get(n)?.model.name ?? n),
    newPiiColumns: newPii(model, input.base.models.get(key)?.model),
    ...(rows === undefined ? {} : { rows: { before: rows.before, added: rows.added, removed: rows.removed, changed: rows.changed, unchanged: rows.unchanged } }),
    changedShare: rows === undefined || rows.before === 0 ? 0 : Math.round((changed / rows.before) * 10_000) / 10_000,
    failingTests: input.tests.filter((t) => t.model === s.name && (t.status === 'failed' || t.status === 'errored')).length,
  };
}

function tagsOf(model: SqlModel | undefined): string[] {
  return [...(model?.meta.tags ?? [])];
}

/** The models that read `key` in production (the base), but for those the pull request removes too. */
function readersOf(base: AnalyzedSqlProject, key: string, removed: ReadonlySet<string>): string[] {
  return base.order
    .filter((n) => !removed.has(n) && base.models.get(n)?.dependsOn.includes(key) === true)
    .map((n) => base.models.get(n)?.model.name ?? n);
}

function ownersOf(model: SqlModel | undefined): string[] {
  return model?.meta.owner === undefined ? [] : [model.meta.owner.replace(/^@/, '')];
}

function newPii(head: SqlModel | undefined, base: SqlModel | undefined): string[] {
  const pii = (m: SqlModel | undefined) => Object.entries(m?.meta.columns ?? {}).filter(([, c]) => c.tags.includes('pii')).map(([n]) => n);
  const before = new Set(pii(base));
  return pii(head).filter((c) => !before.has(c));
}

/** The report: each model's status, reasons and data diff (samples masked), counts by status, the lineage graph. */
export function collectSqlReport(input: FactsInput, options: { lineage: SqlLineageGraph; windowDays: number }): SqlReport {
  const diffs = new Map(input.diffs.map((d) => [d.model, d]));
  const built: SqlReportModel[] = modelStatuses(input).map((s) => {
    const d = diffs.get(s.name);
    return {
      ...s, ...(d?.isNew === true ? { isNew: true } : {}), ...(d?.diff ? { diff: d.diff } : {}),
      ...(d?.error === undefined ? {} : { diffError: d.error }), ...(d?.windowSince === undefined ? {} : { windowSince: d.windowSince }),
    };
  });
  const removed: SqlReportModel[] = input.changes.removed.map((r) => ({ name: r.model, status: 'removed', reasons: [] }));
  const models = [...built, ...removed];
  const count = (status: SqlReportStatus) => models.filter((m) => m.status === status).length;
  const counts = { added: count('added'), breaking: count('breaking'), 'non-breaking': count('non-breaking'), indirect: count('indirect'), removed: count('removed') };
  return { counts, models, lineage: options.lineage, windowDays: options.windowDays };
}
