import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPipelineText, type LoadedPipeline } from '../../../src/engines/pipeline/load-pipelines.ts';
import { validatePipelines } from '../../../src/engines/pipeline/validate-pipelines.ts';

const NOW = new Date('2025-03-14T12:00:00Z');
const repo = mkdtempSync(join(tmpdir(), 'sluice-pipeline-validate-'));
mkdirSync(join(repo, 'runbooks'), { recursive: true });
writeFileSync(join(repo, 'runbooks', 'orders.md'), '# orders\n');
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const ctx = {
  checkoutDir: repo,
  models: new Set(['marts.orders', 'staging.stg_orders']),
  tables: new Map([['raw.orders', ['order_id', 'amount', '_loaded_at']]]),
  now: NOW,
};

/** A valid pipeline file; `lines` replace or add keys by their first word. */
function pipelineText(name: string, extra: Record<string, string> = {}): string {
  const keys: Record<string, string> = {
    name: `name: ${name}`,
    owner: 'owner: "@acme/data-eng"',
    schedule: 'schedule:\n  cron: "0 6 * * *"\n  timezone: Europe/Berlin',
    refreshes: 'refreshes: [marts.orders]',
    sources: 'sources:\n  - name: raw.orders\n    freshness:\n      loaded_at: _loaded_at\n      warn_after: 4h\n      error_after: 6h',
    runbook: 'runbook: runbooks/orders.md',
    ...extra,
  };
  return `${Object.values(keys).filter((v) => v !== '').join('\n')}\n`;
}

function load(text: string, file = 'pipelines/orders-daily.yaml'): LoadedPipeline {
  const loaded = loadPipelineText(text, file);
  if (!('spec' in loaded)) throw new Error(`expected a valid file, got ${JSON.stringify(loaded.problems)}`);
  return loaded;
}

function problemsOf(text: string, file = 'pipelines/orders-daily.yaml') {
  const loaded = loadPipelineText(text, file);
  return 'spec' in loaded ? validatePipelines([loaded], ctx) : loaded.problems.map((p) => ({ level: 'error', message: p.message, location: p.location ?? { file } }));
}

describe('pipeline validation (each problem located)', () => {
  it('accepts a valid pipeline', () => {
    expect(problemsOf(pipelineText('orders-daily'))).toEqual([]);
  });

  it('reports an unknown key at the key, with a suggestion', () => {
    const [problem] = problemsOf(pipelineText('orders-daily', { retries: 'retrie: 2' }));
    expect(problem).toMatchObject({ message: 'retrie: unknown key; did you mean retries?', location: { file: 'pipelines/orders-daily.yaml', line: 14, column: 1 } });
  });

  it('reports a bad cron expression and an unknown time zone at their values', () => {
    expect(problemsOf(pipelineText('orders-daily', { schedule: 'schedule:\n  cron: "61 6 * * *"' }))).toEqual([
      { level: 'error', message: 'schedule.cron: invalid cron expression "61 6 * * *": Invalid value for minute: 61', location: { file: 'pipelines/orders-daily.yaml', line: 4, column: 9 } },
    ]);
    const [zone] = problemsOf(pipelineText('orders-daily', { schedule: 'schedule:\n  cron: "0 6 * * *"\n  timezone: Mars/Base' }));
    expect(zone).toMatchObject({ message: expect.stringContaining('schedule.timezone: unknown time zone "Mars/Base"'), location: { line: 5, column: 13 } });
  });

  it('reports unknown models and sources, and a loaded_at column the source does not have', () => {
    const text = pipelineText('orders-daily', {
      refreshes: 'refreshes:\n  - marts.orders\n  - marts.ordrs',
      sources: 'sources:\n  - name: raw.ordrs\n  - name: raw.orders\n    freshness:\n      loaded_at: loaded\n      error_after: 6h',
    });
    expect(problemsOf(text).map((p) => [p.message, p.location.line, p.location.column])).toEqual([
      ['refreshes[1]: unknown model "marts.ordrs": no models/marts/ordrs.sql in the repo\'s SQL projects', 8, 5],
      ['sources[0].name: unknown source "raw.ordrs": not a table in the target warehouse nor a model of the repo', 10, 11],
      ['sources[1].freshness.loaded_at: no column "loaded" in raw.orders (columns: order_id, amount, _loaded_at)', 13, 18],
    ]);
  });

  it('reports a runbook file that does not exist', () => {
    expect(problemsOf(pipelineText('orders-daily', { runbook: 'runbook: runbooks/missing.md' }))).toEqual([
      { level: 'error', message: 'runbook: runbook file "runbooks/missing.md" does not exist in the repo', location: { file: 'pipelines/orders-daily.yaml', line: 13, column: 10 } },
    ]);
  });

  it('reports a bad duration, and warn_after longer than error_after', () => {
    const [bad] = problemsOf(pipelineText('orders-daily', { timeout: 'timeout: 6 hours' }));
    expect(bad).toMatchObject({ message: 'timeout: must be a duration such as 30m, 6h, 1d or 1h30m', location: { line: 14, column: 10 } });
    const sources = 'sources:\n  - name: raw.orders\n    freshness:\n      loaded_at: _loaded_at\n      warn_after: 12h\n      error_after: 6h';
    const [order] = problemsOf(pipelineText('orders-daily', { sources }));
    expect(order).toMatchObject({ message: 'sources[0].freshness.warn_after: warn_after (12h) is longer than error_after (6h)', location: { line: 11, column: 19 } });
  });

  it('names a cycle between pipelines in full, at the depends_on entry', () => {
    const a = load(pipelineText('a', { depends: 'depends_on: [b]' }), 'pipelines/a.yaml');
    const b = load(pipelineText('b', { depends: 'depends_on: [c]' }), 'pipelines/b.yaml');
    const c = load(pipelineText('c', { depends: 'depends_on: [a]' }), 'pipelines/c.yaml');
    const errors = validatePipelines([a, b, c], ctx).filter((f) => f.level === 'error');
    expect(errors).toEqual([{ level: 'error', message: 'depends_on: dependency cycle a → b → c → a', location: { file: 'pipelines/a.yaml', line: 14, column: 14 } }]);
  });

  it('reports unknown upstream pipelines and duplicate names', () => {
    const a = load(pipelineText('a', { depends: 'depends_on: [nope]' }), 'pipelines/a.yaml');
    const again = load(pipelineText('a'), 'pipelines/a-copy.yaml');
    expect(validatePipelines([a, again], ctx).map((f) => [f.message, f.location.file, f.location.line])).toEqual([
      ['name: duplicate pipeline name "a" (also in pipelines/a.yaml)', 'pipelines/a-copy.yaml', 1],
      ['depends_on[0]: unknown pipeline "nope" (pipelines: none)', 'pipelines/a.yaml', 14],
    ]);
  });

  it('warns when a pipeline is scheduled before the upstream it depends on', () => {
    const upstream = load(pipelineText('raw-ingest', { schedule: 'schedule:\n  cron: "0 6 * * *"\n  timezone: UTC' }), 'pipelines/raw-ingest.yaml');
    const early = load(pipelineText('orders-daily', { schedule: 'schedule:\n  cron: "0 5 * * *"\n  timezone: UTC', depends: 'depends_on:\n  - raw-ingest' }));
    expect(validatePipelines([upstream, early], ctx)).toEqual([{
      level: 'warning',
      message: 'depends_on[0]: orders-daily runs Sat 2025-03-15 05:00 UTC, 1 h before its upstream raw-ingest (Sat 2025-03-15 06:00 UTC), so it reads the upstream\'s previous run',
      location: { file: 'pipelines/orders-daily.yaml', line: 15, column: 5 },
    }]);
    const late = load(pipelineText('orders-daily', { schedule: 'schedule:\n  cron: "30 7 * * *"\n  timezone: Europe/Berlin', depends: 'depends_on: [raw-ingest]' }));
    expect(validatePipelines([upstream, late], ctx)).toEqual([]);
  });
});
