import type { Annotation, PlanChange, TestOutcome } from '../core/plan.ts';
import type { Failure } from '../core/outcome.ts';
import type { SqlNodeStatus } from '../core/plans/sql-plan.ts';
import type { ProjectView, SummaryView } from '../render/summary-view.ts';
import { findLineage, lineageTree } from './find-lineage.ts';
import type { Style } from './terminal-style.ts';

export type TerminalOptions = { readonly style: Style; readonly width: number; readonly title: string };

/** The summary comment's content for a terminal: a table of projects, then each project's changes, tests and lineage. */
export function renderTerminalSummary(view: SummaryView, options: TerminalOptions): string {
  const { style } = options;
  const head = `${style.bold(options.title)} · ${view.projects.length} project(s)`;
  if (view.projects.length === 0) return `${head}\n\nNo project is touched by the changes: nothing to plan.\n`;
  const sections = view.projects.map((p) => renderProject(p, options));
  return [head, '', ...renderTable(view.projects, options), '', ...sections].join('\n') + '\n';
}

function renderTable(projects: readonly ProjectView[], options: TerminalOptions): string[] {
  // The policy column, as the PR summary has it, when policies were evaluated (always for a local plan).
  const withPolicy = projects.some((p) => p.policy !== undefined);
  const rows = projects.map((p) => [p.name, p.kind, p.target, headline(p), testsCell(p.plan?.tests ?? []), ...(withPolicy ? [p.policy ?? '—'] : [])]);
  const all = [['PROJECT', 'KIND', 'TARGET', 'PLAN', 'TESTS', ...(withPolicy ? ['POLICY'] : [])], ...rows];
  const last = all[0]!.length - 1;
  const widths = all[0]!.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const others = widths.reduce((sum, w, i) => (i === 3 ? sum : sum + w), 0);
  const room = options.width - 2 - 2 * last - others;
  const planWidth = Math.max(20, Math.min(widths[3] ?? 0, room));
  const fit = (cell: string) => (cell.length > planWidth ? `${cell.slice(0, planWidth - 1)}…` : cell.padEnd(planWidth));
  return all.map((row, r) => {
    const line = row.map((cell, i) => (i === 3 ? fit(cell) : i < last ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ').trimEnd();
    return `  ${r === 0 ? options.style.dim(line) : colorRow(line, projects[r - 1], options.style)}`;
  });
}

function colorRow(line: string, project: ProjectView | undefined, style: Style): string {
  if (project === undefined) return line;
  if (project.status === 'failed' || project.status === 'apply-failed') return style.red(line);
  if (project.status === 'applied') return style.green(line);
  return project.plan?.changes.some(isRisky) ? style.yellow(line) : line;
}

function headline(p: ProjectView): string {
  switch (p.status) {
    case 'planned': return `${p.plan?.changes.some(isRisky) ? '! ' : ''}${p.plan?.summary.headline ?? 'planned'}`;
    case 'no-changes': return 'no changes';
    case 'applied': return `applied${p.apply ? `: ${p.apply.summary}` : ''}`;
    case 'apply-failed': return p.failure?.code === 'not_authorized' ? 'apply refused' : 'apply failed';
    default: return p.status === 'failed' ? 'plan failed' : p.status;
  }
}

function testsCell(tests: readonly TestOutcome[]): string {
  if (tests.length === 0) return '—';
  const failed = tests.filter((t) => t.status === 'failed' || t.status === 'errored').length;
  return failed > 0 ? `${failed} of ${tests.length} failing` : `${tests.length} passed`;
}

function isRisky(c: PlanChange): boolean {
  return c.risk === 'breaking' || c.risk === 'destructive' || c.action === 'delete' || c.action === 'replace';
}

function renderProject(p: ProjectView, options: TerminalOptions): string {
  const { style } = options;
  const rule = style.dim('─'.repeat(Math.max(0, Math.min(options.width, 100) - p.name.length - p.kind.length - p.target.length - 12)));
  const lines = [`${style.bold(`── ${p.name}`)} ${style.dim(`${p.kind} → ${p.target}`)} ${rule}`];
  if (p.failure !== undefined) lines.push(...renderFailure(p.failure, style));
  if (p.status === 'no-changes') lines.push(`  No changes: ${p.name} already matches ${p.target}.`);
  if (p.apply !== undefined) lines.push(style.green(`  ✔ ${p.apply.summary}`), ...p.apply.steps.map((s) => style.dim(`    ${s}`)));
  if (p.plan !== undefined && p.status === 'planned') lines.push(...renderChanges(p.plan.changes, style));
  if (p.plan !== undefined && p.status !== 'applied') lines.push(...renderTests(p.plan.tests, style), ...renderLineage(p, style), ...renderAnnotations(p.plan.annotations, style));
  return [...lines, ''].join('\n');
}

const SYMBOL: Readonly<Record<PlanChange['action'], string>> = { create: '+', update: '~', delete: '-', replace: '±', read: '<', 'no-op': ' ' };

function renderChanges(changes: readonly PlanChange[], style: Style): string[] {
  return changes.filter((c) => c.action !== 'no-op').flatMap((c) => {
    const paint = c.action === 'create' ? style.green : isRisky(c) ? style.red : style.yellow;
    const risk = c.risk !== undefined && c.risk !== 'none' ? ` ${style.red(style.bold(c.risk))}` : '';
    return [`  ${paint(`${SYMBOL[c.action]} ${c.address}`)}${risk}`, ...(c.detail ?? []).map((d) => `      ${style.dim(d)}`)];
  });
}

function renderTests(tests: readonly TestOutcome[], style: Style): string[] {
  if (tests.length === 0) return [];
  const bad = tests.filter((t) => t.status === 'failed' || t.status === 'errored');
  const summary = `  Tests: ${tests.length - bad.length} passed${bad.length > 0 ? `, ${style.red(`${bad.length} failing`)}` : ''}`;
  return [summary, ...bad.map((t) => `    ${style.red('✗')} ${t.name}${t.message ? `: ${t.message}` : ''}`)];
}

/** How each lineage status is painted: risks red, impact yellow, context dim, the rest green. */
const STATUS_PAINT: Readonly<Record<SqlNodeStatus, (style: Style) => (text: string) => string>> = {
  breaking: (s) => s.red, removed: (s) => s.red, impacted: (s) => s.yellow, unchanged: (s) => s.dim, 'non-breaking': (s) => s.green, added: (s) => s.green,
};

function renderLineage(p: ProjectView, style: Style): string[] {
  const graph = findLineage(p.plan);
  if (graph === undefined) return [];
  const paint = (status: SqlNodeStatus | undefined) => (status === undefined ? style.dim : STATUS_PAINT[status](style));
  return ['  Lineage:', ...lineageTree(graph, (name, status) => `${paint(status)(name)}${status && status !== 'unchanged' ? style.dim(` (${status})`) : ''}`).map((l) => `    ${l}`)];
}

function renderAnnotations(annotations: readonly Annotation[], style: Style): string[] {
  return annotations.map((a) => `  ${a.level === 'failure' ? style.red('✗') : style.yellow('!')} ${a.location.file}:${a.location.line}: ${a.title}: ${a.message}`);
}

function renderFailure(f: Failure, style: Style): string[] {
  const where = f.location ? `${f.location.file}${f.location.line ? `:${f.location.line}` : ''}${f.location.column ? `:${f.location.column}` : ''}: ` : '';
  const listed = (f.problems ?? []).length === 1 && f.location !== undefined ? [] : (f.problems ?? []);
  const problems = listed.map((p) => `    ${p.location ? `${p.location.file}${p.location.line ? `:${p.location.line}` : ''}${p.location.column ? `:${p.location.column}` : ''}: ` : ''}${p.message}`);
  return [style.red(`  ✗ ${where}${f.message}`), ...problems, ...(f.hint ? [style.dim(`  hint: ${f.hint}`)] : [])];
}
