import type { DataDiff } from '../core/plans/sql-data-diff.ts';
import type { ModelDiff } from '../services/diff-model.ts';
import type { Style } from './terminal-style.ts';

export type DiffTerminalOptions = { readonly style: Style; readonly width: number; readonly showPii: boolean };

/** `sluice diff` on a terminal: what was compared, the verdict, row counts, schema and column changes, sample rows. */
export function renderTerminalDiff(local: ModelDiff, options: DiffTerminalOptions): string {
  const { style } = options;
  const { result } = local;
  const own = result.built.at(-1);
  const upstream = result.built.slice(0, -1);
  const lines = [
    `${style.bold(`Sluice diff: ${result.model}`)} ${style.dim(`· ${local.project.name} → ${local.project.target}`)}`,
    `  ${comparedLine(local)}`,
    `  built ${own === undefined ? '' : `${own.schema}.${own.table} (${n(own.rows)} rows)`}${upstream.length > 0 ? ` on ${upstream.map((b) => `${b.schema}.${b.table}`).join(', ')}` : ''}; production: ${result.production.schema}.${result.production.table}`,
  ];
  if (result.diff.windowSince !== undefined) lines.push(style.yellow(`  incremental: both sides cover rows since ${result.diff.windowSince} only`));
  lines.push('', ...verdict(local, style));
  const diff = result.diff.diff;
  if (diff !== undefined && !diff.identical) lines.push(...details(diff, options));
  return `${lines.join('\n')}\n`;
}

function comparedLine(local: ModelDiff): string {
  const tree = `working tree (${local.headSha.slice(0, 7)}${local.dirty ? ' + uncommitted changes' : ''})`;
  const base = `${local.baseRef} (${local.baseSha.slice(0, 7)})`;
  const { change } = local.result;
  if (change.status === 'unchanged') return `unchanged in the ${tree} since ${base}: a fresh build compared with production (shows drift)`;
  const what = change.status === 'added' ? 'added' : change.status === 'indirect' ? 'indirectly modified' : `modified (${change.status})`;
  return `${what} in the ${tree} since ${base}${change.reasons.length > 0 ? `: ${change.reasons.join('; ')}` : ''}`;
}

function verdict(local: ModelDiff, style: Style): string[] {
  const { diff, model } = local.result;
  if (diff.isNew) return [style.green(`+ new model: production has no ${model} yet, nothing to diff`)];
  if (diff.error !== undefined) return [style.red(`✗ the diff failed: ${diff.error}`)];
  const d = diff.diff;
  if (d === undefined) return [];
  if (d.identical) return [style.green(`✔ identical: ${model} built from the working tree matches production (${n(d.rowCount.after)} rows)`)];
  const rows = d.rows;
  if (rows === undefined) return [style.yellow(`! differs from production: ${n(d.rowCount.before)} → ${n(d.rowCount.after)} rows (no grain: no row-level diff)`)];
  const differing = rows.added + rows.removed + rows.changed;
  const what = differing === 0 ? 'the schema differs, no row does' : `${n(differing)} row(s) differ`;
  return [
    style.yellow(`! differs from production: ${what}`),
    '',
    `  ${style.dim('rows'.padEnd(11))}${n(rows.before)} → ${n(rows.after)}`,
    ...(['added', 'removed', 'changed'] as const).map((k) => `  ${k.padEnd(11)}${count(rows[k], rows.pct[k], style)}`),
    `  ${'unchanged'.padEnd(11)}${n(rows.unchanged)}`,
  ];
}

function details(d: DataDiff, options: DiffTerminalOptions): string[] {
  const { style } = options;
  const lines: string[] = [];
  const schema = [
    ...d.schema.added.map((c) => style.green(`+ ${c.name} ${c.type}`)),
    ...d.schema.removed.map((c) => style.red(`- ${c.name} ${c.type}`)),
    ...d.schema.retyped.map((c) => style.yellow(`~ ${c.name} ${c.before} → ${c.after}`)),
  ];
  if (schema.length > 0) lines.push('', '  Schema:', ...schema.map((s) => `    ${s}`));
  const changed = d.columns.filter((c) => c.changed > 0);
  if (changed.length > 0) {
    const width = Math.max(...changed.map((c) => c.name.length));
    lines.push('', '  Columns changed:', ...changed.map((c) => `    ${c.name.padEnd(width)}  ${n(c.changed)} row(s)${c.pctChanged === null ? '' : ` (${c.pctChanged}%)`}${meanShift(c)}`));
  }
  if (d.profiles !== undefined && d.profiles.length > 0) lines.push('', '  Column profiles (production → working tree):', ...profiles(d.profiles));
  lines.push(...samples(d, options));
  if (d.notes.length > 0) lines.push('', ...d.notes.map((note) => style.dim(`  note: ${note}`)));
  return lines;
}

function profiles(list: NonNullable<DataDiff['profiles']>): string[] {
  const width = Math.max(...list.map((p) => p.name.length));
  return list.map((p) => {
    const stat = (label: string, b: number | null | undefined, a: number | null | undefined) => (b === undefined && a === undefined ? '' : `  ${label} ${num(b)} → ${num(a)}`);
    return `    ${p.name.padEnd(width)}${stat('nulls', p.before.nullRate, p.after.nullRate)}${stat('mean', p.before.mean, p.after.mean)}`;
  });
}

function samples(d: DataDiff, options: DiffTerminalOptions): string[] {
  const { style } = options;
  const s = d.samples;
  if (s.added.length + s.removed.length + s.changed.length === 0) return [];
  const masked = options.showPii ? '' : style.dim(' (PII masked)');
  const fit = (line: string) => (line.length > options.width - 1 ? `${line.slice(0, Math.max(20, options.width - 2))}…` : line);
  const lines = ['', `  Sample rows${masked}:`];
  for (const c of s.changed) {
    lines.push(fit(`    ~ ${pairs(c.key)}`), ...c.changedColumns.map((col) => fit(`        ${col}: ${value(c.before[col])} → ${value(c.after[col])}`)));
  }
  lines.push(...s.removed.map((r) => style.red(fit(`    - ${pairs(r)}`))));
  lines.push(...s.added.map((r) => style.green(fit(`    + ${pairs(r)}`))));
  return lines;
}

function count(value: number, pct: number | null, style: Style): string {
  const text = value === 0 || pct === null ? n(value) : `${n(value)} (${pct}%)`;
  return value === 0 ? text : style.bold(text);
}

function meanShift(c: DataDiff['columns'][number]): string {
  const before = c.shift?.before.mean;
  const after = c.shift?.after.mean;
  return before === undefined || after === undefined || before === null || after === null ? '' : `, mean ${num(before)} → ${num(after)}`;
}

function pairs(row: Readonly<Record<string, unknown>>): string {
  return Object.entries(row).map(([k, v]) => `${k}=${value(v)}`).join(', ');
}

function value(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function num(v: number | null | undefined): string {
  if (v === null || v === undefined) return 'NULL';
  return Number.isInteger(v) ? n(v) : v.toFixed(2);
}

const n = (v: number): string => v.toLocaleString('en-US');
