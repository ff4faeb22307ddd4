import type { PlanBody } from '../core/plan.ts';
import type { DataDiff } from '../core/plans/sql-data-diff.ts';
import type { SqlReport, SqlReportModel, SqlReportStatus } from '../core/plans/sql-plan.ts';
import { cellCode, fencedBlock, folded, htmlCode, tableCell } from './format-markdown.ts';
import { renderLineageMermaid } from './render-lineage-mermaid.ts';

/**
 * Sections only `sql` plans have, read from their report (`SqlReport` in src/core/plans/sql-plan.ts): the
 * summary by category, the lineage picture (drawn here from the graph), the data diff numbers per model, and
 * folded details with masked sample rows. Empty for every other plan.
 */
export function renderSqlSections(plan: PlanBody | undefined, options: { details: boolean } = { details: true }): string {
  if (plan?.kind !== 'sql') return '';
  return renderSqlReport(plan.report, options);
}

/** How a model reads in `sluice diff --format markdown`, where a model may also be `unchanged` (no plan status). */
type ShownStatus = SqlReportStatus | 'unchanged';
type ModelView = Omit<SqlReportModel, 'status' | 'reasons'> & { readonly status: ShownStatus; readonly reasons: readonly string[] };

/** A SQL report as the sections show it: a plan's, or the one model `sluice diff` compared. */
export type SqlReportView = Omit<SqlReport, 'models'> & { readonly models: readonly ModelView[] };

export function renderSqlReport(report: SqlReportView, options: { details: boolean } = { details: true }): string {
  if (report.models.length === 0) return '';
  const blocks = [categoryTable(report), lineageBlock(report), diffTable(report)];
  if (options.details) blocks.push(...report.models.map(sampleBlock));
  return blocks.filter((b) => b !== '').join('\n\n');
}

type Stats = { readonly mean: number | null };

function categoryTable(report: SqlReportView): string {
  const c = report.counts;
  return [
    '| added | modified: breaking | modified: non-breaking | indirectly modified | removed |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${c.added} | ${c.breaking > 0 ? `🔴 ${c.breaking}` : '0'} | ${c['non-breaking']} | ${c.indirect} | ${c.removed} |`,
  ].join('\n');
}

function lineageBlock(report: SqlReportView): string {
  return report.lineage.nodes.length === 0 ? '' : fencedBlock(renderLineageMermaid(report.lineage).split('\n'), 'mermaid');
}

const STATUS_LABEL: Readonly<Record<ShownStatus, string>> = {
  added: '🟢 added', breaking: '🔴 breaking', 'non-breaking': '🔵 non-breaking', indirect: 'indirect', removed: '⚪ removed', unchanged: 'unchanged',
};

/** Biggest risk first. */
const STATUS_RANK: Readonly<Record<ShownStatus, number>> = { breaking: 0, removed: 1, 'non-breaking': 2, added: 3, indirect: 4, unchanged: 5 };

const n = (value: number): string => value.toLocaleString('en-US');
const withPct = (value: number, pct: number | null): string => (value === 0 || pct === null ? n(value) : `${n(value)} (${pct}%)`);

function diffTable(report: SqlReportView): string {
  const rows = report.models.toSorted((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]).map((m) => {
    const change = `${STATUS_LABEL[m.status]}${m.reasons.length > 0 ? `: ${m.reasons.join(', ')}` : ''}`;
    const numbers = diffNumbers(m);
    return `| ${cellCode(m.name)} | ${tableCell(change)} | ${numbers.join(' | ')} | ${tableCell(columnsCell(m))} |`;
  });
  return ['| model | change | rows added | removed | changed | unchanged | columns |', '| --- | --- | ---: | ---: | ---: | ---: | --- |', ...rows].join('\n');
}

function diffNumbers(m: ModelView): string[] {
  const rows = m.diff?.rows;
  if (rows === undefined) return ['', '', '', ''];
  return [withPct(rows.added, rows.pct.added), withPct(rows.removed, rows.pct.removed), withPct(rows.changed, rows.pct.changed), n(rows.unchanged)];
}

function columnsCell(m: ModelView): string {
  const window = m.windowSince === undefined ? '' : `rows since ${m.windowSince} only (incremental; apply rebuilds it in full); `;
  if (m.status === 'removed') return 'dropped on apply';
  if (m.isNew === true) return `${window}new model: not in production yet`;
  if (m.diffError !== undefined) return `${window}diff failed: ${m.diffError}`;
  const d = m.diff;
  if (d === undefined) return window;
  if (d.identical) return `${window}identical`;
  const schema = [...d.schema.added.map((c) => `+${c.name}`), ...d.schema.removed.map((c) => `−${c.name}`), ...d.schema.retyped.map((c) => `${c.name} ${c.before} → ${c.after}`)];
  const changed = d.columns.filter((c) => c.changed > 0).map((c) => `${c.name} ${n(c.changed)} changed${meanShift(c.shift)}`);
  const counts = d.rows === undefined ? [`${n(d.rowCount.before)} → ${n(d.rowCount.after)} rows (no grain)`] : [];
  return window + [...schema, ...changed, ...counts].join(', ');
}

function meanShift(shift: { before: Stats; after: Stats } | undefined): string {
  if (shift === undefined || shift.before.mean === null || shift.after.mean === null) return '';
  return ` (mean ${round(shift.before.mean)} → ${round(shift.after.mean)})`;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** Sample rows per category, PII already masked by the engine; folded. */
function sampleBlock(m: ModelView): string {
  const s = m.diff?.samples;
  if (s === undefined || s.added.length + s.removed.length + s.changed.length === 0) return '';
  const parts = [
    s.changed.length > 0 ? changedTable(s.changed) : '',
    s.removed.length > 0 ? `Removed rows:\n\n${rowTable(s.removed)}` : '',
    s.added.length > 0 ? `Added rows:\n\n${rowTable(s.added)}` : '',
    ...(m.diff?.notes ?? []).map((note) => `> ${tableCell(note)}`),
  ];
  return folded(`Sample rows of ${htmlCode(m.name)} (PII masked)`, parts.filter((p) => p !== '').join('\n\n'));
}

function changedTable(changed: DataDiff['samples']['changed']): string {
  const lines = changed.flatMap((c) => c.changedColumns.map((col) =>
    `| ${tableCell(keyText(c.key))} | ${cellCode(col)} | ${tableCell(valueText(c.before[col]))} | ${tableCell(valueText(c.after[col]))} |`));
  return ['| key | column | production | this PR |', '| --- | --- | --- | --- |', ...lines].join('\n');
}

function rowTable(rows: readonly Record<string, unknown>[]): string {
  const columns = Object.keys(rows[0] ?? {});
  const body = rows.map((r) => `| ${columns.map((c) => tableCell(valueText(r[c]))).join(' | ')} |`);
  return [`| ${columns.map(cellCode).join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`, ...body].join('\n');
}

function keyText(key: Record<string, unknown>): string {
  return Object.values(key).map(valueText).join(', ');
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
