/** A `sql` plan's body: changes per model, headline, tests, annotations, and its facts, report and artifacts. */
import type { Annotation, PlanBody, PlanChange } from '../../../core/plan.ts';
import type { DataDiff } from '../../../core/plans/sql-data-diff.ts';
import type { SqlPlanArtifacts, SqlPolicyFacts, SqlReport, SqlReportModel } from '../../../core/plans/sql-plan.ts';
import type { ModelTestOutcome } from '../build/run-model-tests.ts';

export type SqlPlanParts = {
  readonly report: SqlReport;
  readonly facts: SqlPolicyFacts;
  readonly tests: readonly ModelTestOutcome[];
  readonly artifacts: SqlPlanArtifacts;
};

export function toSqlPlanBody(parts: SqlPlanParts): PlanBody<'sql'> {
  const { counts } = parts.report;
  return {
    kind: 'sql',
    summary: { headline: sqlHeadline(counts), add: counts.added, change: counts.breaking + counts['non-breaking'] + counts.indirect, destroy: counts.removed },
    changes: parts.report.models.map(toChange),
    tests: parts.tests.map(({ model: _model, ...t }) => t),
    facts: parts.facts,
    report: parts.report,
    artifacts: parts.artifacts,
    annotations: parts.tests.flatMap(toAnnotation),
  };
}

/** `1 added, 2 modified (1 breaking), 3 impacted, 1 removed`. */
export function sqlHeadline(counts: SqlReport['counts']): string {
  const modified = counts.breaking + counts['non-breaking'];
  const parts = [
    counts.added > 0 ? `${counts.added} added` : '',
    modified > 0 ? `${modified} modified${counts.breaking > 0 ? ` (${counts.breaking} breaking)` : ''}` : '',
    counts.indirect > 0 ? `${counts.indirect} impacted` : '',
    counts.removed > 0 ? `${counts.removed} removed` : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? 'no changes' : parts.join(', ');
}

function toChange(model: SqlReportModel): PlanChange {
  const action = model.status === 'added' ? 'create' : model.status === 'removed' ? 'delete' : 'update';
  const risk = model.status === 'breaking' ? 'breaking' : model.status === 'removed' ? 'destructive' : 'none';
  const detail = [...model.reasons.map((r) => `# ${r}`), ...diffLines(model)];
  return { action, address: model.name, risk, ...(detail.length > 0 ? { detail } : {}) };
}

function diffLines(model: SqlReportModel): string[] {
  const window = model.windowSince === undefined ? [] : [`# incremental: built and compared on rows since ${model.windowSince} only`];
  if (model.isNew === true) return [...window, '# new model: not in production yet, no data diff'];
  if (model.diffError !== undefined) return [...window, `# data diff failed: ${model.diffError}`];
  if (model.diff === undefined) return window;
  return [...window, ...describeDiff(model.diff)];
}

/** Diff lines with numbers: `rows: +0 -1,204 ~48,311 =950,485`, schema changes, changed columns. */
export function describeDiff(diff: DataDiff): string[] {
  const n = (v: number) => v.toLocaleString('en-US');
  if (diff.identical) return [`= data identical to production (${n(diff.rowCount.before)} rows)`];
  const rows = diff.rows === undefined
    ? [`rows: ${n(diff.rowCount.before)} → ${n(diff.rowCount.after)} (no grain: counts only)`]
    : [`rows: +${n(diff.rows.added)} -${n(diff.rows.removed)} ~${n(diff.rows.changed)} =${n(diff.rows.unchanged)}`];
  return [
    ...rows,
    ...diff.schema.added.map((c) => `+ column ${c.name} ${c.type}`),
    ...diff.schema.removed.map((c) => `- column ${c.name} ${c.type}`),
    ...diff.schema.retyped.map((c) => `~ column ${c.name} ${c.before} → ${c.after}`),
    ...diff.columns.filter((c) => c.changed > 0).map((c) => `~ ${c.name}: ${n(c.changed)} changed`),
  ];
}

function toAnnotation(test: ModelTestOutcome): Annotation[] {
  if ((test.status !== 'failed' && test.status !== 'errored') || test.location === undefined) return [];
  return [{ location: { ...test.location, line: test.location.line ?? 1 }, level: 'failure', title: `data test ${test.name} ${test.status}`, message: test.message ?? test.status }];
}
