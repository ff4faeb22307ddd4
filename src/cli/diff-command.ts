import { parseArgs } from 'node:util';
import { isFailure } from '../core/outcome.ts';
import { openWorkingTree, workingTreeRunDeps } from '../main/open-working-tree.ts';
import { diffModel, type ModelDiff } from '../services/diff-model.ts';
import { inlineCode } from '../render/format-markdown.ts';
import { renderSqlReport, type SqlReportView } from '../render/render-sql-sections.ts';
import { reportFailure } from './cli-io.ts';
import { redactMarkdown } from './redact-markdown.ts';
import type { LocalCommandDeps } from './plan.ts';
import { renderTerminalDiff } from './render-terminal-diff.ts';

type Format = 'text' | 'markdown' | 'json';

export type DiffCommandDeps = Pick<LocalCommandDeps, 'cwd' | 'env' | 'io' | 'terminal' | 'clock'>;

/**
 * `sluice diff <model> [--base <ref>] [-p <project>] [--format text|markdown|json] [--show-pii]`: builds one
 * SQL model of the working tree (and the changed models it reads) in the local PR environment and diffs it
 * against production. Exit 0 identical to production, 2 differences or a new model, 1 error.
 */
export async function diff(args: readonly string[], deps: DiffCommandDeps): Promise<number> {
  const parsed = parseDiffArgs(args);
  if (typeof parsed === 'string') {
    deps.io.err(`sluice diff: ${parsed}\n`);
    return 1;
  }
  const opened = openWorkingTree(deps.cwd, deps.env);
  if (!opened.ok) return reportFailure(deps.io, opened);
  const ctx = opened.value;
  const result = await diffModel(workingTreeRunDeps(ctx, { engines: {}, clock: deps.clock, env: deps.env }), ctx, {
    model: parsed.model, showPii: parsed.showPii, signal: new AbortController().signal, progress: deps.terminal.progress,
    ...(parsed.base === undefined ? {} : { base: parsed.base }), ...(parsed.project === undefined ? {} : { project: parsed.project }),
  });
  deps.terminal.done();
  if (isFailure(result)) return reportFailure(deps.io, result);
  const out = render(result, parsed.format, deps, parsed.showPii);
  deps.io.out(parsed.format === 'markdown' ? redactMarkdown(out, { env: deps.env, server: ctx.server }) : out);
  const { diff: modelDiff } = result.result;
  if (modelDiff.error !== undefined) return 1;
  return modelDiff.isNew || modelDiff.diff?.identical !== true ? 2 : 0;
}

type DiffArgs = { model: string; base?: string; project?: string; format: Format; showPii: boolean };

function parseDiffArgs(args: readonly string[]): DiffArgs | string {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...args], allowPositionals: true,
      options: { base: { type: 'string' }, project: { type: 'string', short: 'p' }, format: { type: 'string', default: 'text' }, 'show-pii': { type: 'boolean', default: false } },
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const format = values.format as Format;
  if (!['text', 'markdown', 'json'].includes(format)) return `--format must be text, markdown or json (got ${format})`;
  const [model, ...extra] = positionals;
  if (model === undefined) return 'name the model to diff, e.g. sluice diff marts.orders';
  if (extra.length > 0) return `one model at a time (got ${positionals.join(', ')})`;
  // Markdown is made to be pasted into reviews, and its sample tables say PII is masked: keep them true.
  if (values['show-pii'] && format === 'markdown') return '--show-pii is for the terminal and json; markdown always masks PII';
  return { model, format, showPii: values['show-pii'], ...(values.base === undefined ? {} : { base: values.base }), ...(values.project === undefined ? {} : { project: values.project }) };
}

function render(local: ModelDiff, format: Format, deps: DiffCommandDeps, showPii: boolean): string {
  if (format === 'json') return `${JSON.stringify(diffJson(local), null, 2)}\n`;
  if (format === 'markdown') return renderMarkdown(local);
  return renderTerminalDiff(local, { style: deps.terminal.style, width: deps.terminal.width, showPii });
}

/** `--format json`: the diff data (`DataDiff`), with what was compared. */
export function diffJson(local: ModelDiff): Record<string, unknown> {
  const { result } = local;
  const { diff } = result;
  return {
    version: 1,
    model: result.model,
    project: { name: local.project.name, target: local.project.target, dir: local.project.dir },
    base: { ref: local.baseRef, sha: local.baseSha },
    head: { sha: local.headSha, dirty: local.dirty },
    change: result.change,
    production: result.production,
    built: result.built,
    isNew: diff.isNew,
    identical: diff.diff?.identical ?? false,
    ...(diff.windowSince === undefined ? {} : { windowSince: diff.windowSince }),
    ...(diff.diff === undefined ? {} : { diff: diff.diff }),
    ...(diff.error === undefined ? {} : { error: diff.error }),
  };
}

/** `--format markdown`: what was compared, then the PR comment's data-diff sections for this one model. */
function renderMarkdown(local: ModelDiff): string {
  const { result } = local;
  const { change, diff } = result;
  const tree = `the working tree (${inlineCode(local.headSha.slice(0, 7))}${local.dirty ? ' + uncommitted changes' : ''})`;
  const base = `${inlineCode(local.baseRef)} (${inlineCode(local.baseSha.slice(0, 7))})`;
  const own = result.built.at(-1);
  const compared = change.status === 'unchanged'
    ? `Unchanged in ${tree} since ${base}: a fresh build compared with production, which shows drift.`
    : `Changed in ${tree} since ${base}.`;
  const built = own === undefined ? '' : ` Built as ${inlineCode(`${own.schema}.${own.table}`)}, compared with production ${inlineCode(`${result.production.schema}.${result.production.table}`)}.`;
  const counts = { added: 0, breaking: 0, 'non-breaking': 0, indirect: 0, removed: 0 };
  // The PR comment's report for this one model; `unchanged` is no plan status, and is shown as written.
  const report: SqlReportView = {
    counts: change.status === 'unchanged' ? counts : { ...counts, [change.status]: 1 },
    models: [{
      name: result.model, status: change.status, reasons: change.reasons,
      ...(diff.isNew ? { isNew: true } : {}), ...(diff.diff === undefined ? {} : { diff: diff.diff }),
      ...(diff.error === undefined ? {} : { diffError: diff.error }), ...(diff.windowSince === undefined ? {} : { windowSince: diff.windowSince }),
    }],
    lineage: { nodes: [], edges: [] },
    windowDays: local.windowDays,
  };
  const sections = renderSqlReport(report);
  return `### Data diff of ${inlineCode(result.model)}\n\nProject ${inlineCode(local.project.name)} → ${inlineCode(local.project.target)}. ${compared}${built}\n\n${sections}\n`;
}
