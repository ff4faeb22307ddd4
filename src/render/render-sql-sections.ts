import type { PlanBody } from '../core/plan.ts';
import { cellCode, fencedBlock, folded, htmlCode, tableCell } from './format-markdown.ts';

/**
 * Sections only `sql` plans have, read from their facts (`facts.engine === 'sql'`, `facts.report`; see
 * `SqlReport` in src/engines/sql/engine/sql-report.ts): the summary by category, the lineage picture, the
 * data diff numbers per model, and folded details with masked sample rows. Empty for every other plan.
 * The shapes are read defensively: a plan stored by another version renders what it can.
 */
export function renderSqlSections(plan: Pick<PlanBody, 'facts'> | undefined, options: { details: boolean } = { details: true }): string {
  const report = readReport(plan?.facts);
  if (report === undefined || report.models.length === 0) return '';
  const blocks = [categoryTable(report), lineageBlock(report), diffTable(report)];
  if (options.details) blocks.push(...report.models.map(sampleBlock));
  return blocks.filter((b) => b !== '').join('\n\n');
}

type Status = 'added' | 'breaking' | 'non-breaking' | 'indirect' | 'removed';
type Stats = { mean: number | null };
type DiffView = {
  identical: boolean;
  rowCount: { before: number; after: number };
  rows?: { added: number; removed: number; changed: number; unchanged: number; pct: { removed: number | null; changed: number | null; added: number | null } };
  schema: { added: { name: string; type: string }[]; removed: { name: string; type: string }[]; retyped: { name: string; before: string; after: string }[] };
  columns: { name: string; changed: number; shift?: { before: Stats; after: Stats } }[];
  samples: { added: Record<string, unknown>[]; removed: Record<string, unknown>[]; changed: { key: Record<string, unknown>; before: Record<string, unknown>; after: Record<string, unknown>; changedColumns: string[] }[] };
  notes: string[];
};
type ModelView = { name: string; status: Status; reasons: string[]; isNew?: boolean; diff?: DiffView; diffError?: string; windowSince?: string };
type ReportView = { counts: Record<Status, number>; models: ModelView[]; lineage: string; windowDays: number };

function readReport(facts: Readonly<Record<string, unknown>> | undefined): ReportView | undefined {
  if (facts === undefined || facts['engine'] !== 'sql') return undefined;
  const report = facts['report'] as Partial<ReportView> | undefined;
  if (typeof report !== 'object' || report === null || !Array.isArray(report.models) || typeof report.counts !== 'object') return undefined;
  return { counts: report.counts, models: report.models, lineage: typeof report.lineage === 'string' ? report.lineage : '', windowDays: report.windowDays ?? 0 };
}

function categoryTable(report: ReportView): string {
  const c = report.counts;
  return [
    '| added | modified: breaking | modified: non-breaking | indirectly modified | removed |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${c.added ?? 0} | ${c.breaking > 0 ? `🔴 ${c.breaking}` : '0'} | ${c['non-breaking'] ?? 0} | ${c.indirect ?? 0} | ${c.removed ?? 0} |`,
  ].join('\n');
}

function lineageBlock(report: ReportView): string {
  return report.lineage === '' ? '' : fencedBlock(report.lineage.split('\n'), 'mermaid');
}

const STATUS_LABEL: Readonly<Record<Status, string>> = {
  added: '🟢 added', breaking: '🔴 breaking', 'non-breaking': '🔵 non-breaking', indirect: 'indirect', removed: '⚪ removed',
};

/** Biggest risk first. */
const STATUS_RANK: Readonly<Record<Status, number>> = { breaking: 0, removed: 1, 'non-breaking': 2, added: 3, indirect: 4 };

const n = (value: number): string => value.toLocaleString('en-US');
const withPct = (value: number, pct: number | null): string => (value === 0 || pct === null ? n(value) : `${n(value)} (${pct}%)`);

function diffTable(report: ReportView): string {
  const rows = report.models.toSorted((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]).map((m) => {
    const change = `${STATUS_LABEL[m.status] ?? m.status}${m.reasons.length > 0 ? `: ${m.reasons.join(', ')}` : ''}`;
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

function changedTable(changed: DiffView['samples']['changed']): string {
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
