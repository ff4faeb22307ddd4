import { describe, expect, it } from 'vitest';
import { PipelineSpec } from '../../../src/config/pipeline-schema.ts';
import { summarize, toPlanChanges } from '../../../src/engines/pipeline/describe-pipeline-changes.ts';
import { diffPipelineSpecs } from '../../../src/engines/pipeline/diff-pipeline-specs.ts';
import { formatSpan, parseDuration } from '../../../src/engines/pipeline/duration.ts';
import { comparePipelines } from '../../../src/engines/pipeline/pipeline-changes.ts';
import { pipelineFacts } from '../../../src/engines/pipeline/collect-pipeline-facts.ts';
import type { RegistryEntry } from '../../../src/engines/pipeline/pipeline-registry.ts';
import { nextRuns, runsPerDay } from '../../../src/engines/pipeline/schedule.ts';
import { PipelinePolicyFacts } from '../../../src/policy/facts/pipeline-facts-example.ts';

const NOW = new Date('2025-03-14T12:00:00Z');

const deployed = PipelineSpec.parse({
  name: 'orders-daily',
  owner: '@acme/data-eng',
  schedule: { cron: '0 6 * * *', timezone: 'Europe/Berlin' },
  refreshes: ['marts.orders'],
  sources: [{ name: 'raw.orders', freshness: { loaded_at: '_loaded_at', error_after: '24h' } }],
  alerts: [{ route: 'slack:#data-alerts' }],
});
const tightened = PipelineSpec.parse({ ...deployed, sources: [{ name: 'raw.orders', freshness: { loaded_at: '_loaded_at', error_after: '6h' } }] });

function entry(spec: PipelineSpec, extra: Partial<RegistryEntry> = {}): RegistryEntry {
  return { project: 'orders', pipeline: spec.name, version: 2, deployed: true, spec, file: 'pipelines/orders-daily.yaml', repo: 'acme/analytics', pr: 7, commitSha: 'abc', appliedAt: NOW.toISOString(), ...extra };
}

const located = (spec: PipelineSpec) => ({ file: 'pipelines/orders-daily.yaml', spec, locate: () => ({ file: 'pipelines/orders-daily.yaml', line: 1 }) });

describe('pipeline plan description', () => {
  it('parses and formats durations', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect([formatSpan(11_520_000), formatSpan(21_600_000), formatSpan(86_400_000), formatSpan(3 * 86_400_000 + 3_600_000), formatSpan(45_000)]).toEqual(['3 h 12 min', '6 h', '24 h', '3 d 1 h', '45 s']);
  });

  it('diffs specs field by field, keying list items by name', () => {
    expect(diffPipelineSpecs(deployed, tightened)).toEqual([{ path: 'sources[raw.orders].freshness.error_after', before: '24h', after: '6h' }]);
  });

  it('headlines a tightened SLA and shows the field diff', () => {
    const changes = comparePipelines([located(tightened)], [entry(deployed)]);
    expect(changes).toMatchObject([{ name: 'orders-daily', action: 'update', expectedVersion: 2 }]);
    expect(summarize(changes)).toEqual({ headline: '1 pipeline changed: SLA tightened 24 h → 6 h', add: 0, change: 1, destroy: 0 });
    expect(toPlanChanges(changes, NOW)).toEqual([{
      action: 'update',
      address: 'pipeline orders-daily',
      detail: ['  file: pipelines/orders-daily.yaml', '- sources[raw.orders].freshness.error_after: 24h', '+ sources[raw.orders].freshness.error_after: 6h'],
    }]);
  });

  it('lists the next three runs of a changed schedule in its time zone', () => {
    const hourly = PipelineSpec.parse({ ...deployed, schedule: { cron: '0 */6 * * *', timezone: 'America/New_York' } });
    const [change] = toPlanChanges(comparePipelines([located(hourly)], [entry(deployed)]), NOW);
    expect(change?.detail?.slice(-3)).toEqual([
      '  next run 1: Fri 2025-03-14 12:00 America/New_York (16:00 UTC)',
      '  next run 2: Fri 2025-03-14 18:00 America/New_York (22:00 UTC)',
      '  next run 3: Sat 2025-03-15 00:00 America/New_York (04:00 UTC)',
    ]);
    expect(summarize(comparePipelines([located(hourly)], [entry(deployed)])).headline).toBe('1 pipeline changed: schedule 0 6 * * * → 0 */6 * * *, 1 other field changed');
    expect(nextRuns(hourly.schedule, NOW, 1)).toEqual([new Date('2025-03-14T16:00:00Z')]);
    expect(runsPerDay(hourly.schedule, NOW)).toBe(4);
  });

  it('creates, un-deploys removed files (destructive), and re-deploys after an un-deploy', () => {
    const removed = comparePipelines([], [entry(deployed)]);
    expect(toPlanChanges(removed, NOW)[0]).toMatchObject({ action: 'delete', risk: 'destructive' });
    expect(summarize(removed).headline).toBe('1 pipeline removed: orders-daily');
    const again = comparePipelines([located(deployed)], [entry(deployed, { deployed: false, version: 3 })]);
    expect(again).toMatchObject([{ action: 'create', expectedVersion: 3 }]);
    expect(comparePipelines([located(deployed)], [entry(deployed)])).toEqual([]);
    const renamed = PipelineSpec.parse({ ...deployed, name: 'orders-hourly' });
    expect(summarize(comparePipelines([located(renamed)], [entry(deployed)])).headline).toBe('2 pipelines: 1 added, 1 removed');
  });

  it('collects facts for policies', () => {
    const rerouted = PipelineSpec.parse({ ...tightened, alerts: [{ route: 'pagerduty:orders' }] });
    const changes = comparePipelines([located(rerouted)], [entry(deployed)]);
    const tests = [{ name: 'orders-daily: raw.orders freshness', status: 'passed' as const }];
    const facts = pipelineFacts({ head: [located(rerouted)], changes, tests, now: NOW });
    expect(facts).toMatchObject({
      owners: ['@acme/data-eng'],
      missingRunbooks: ['orders-daily'],
      changedAlertRoutes: ['orders-daily'],
      maxRunsPerDay: 1,
      pipelines: [{
        name: 'orders-daily', change: 'modified', owner: '@acme/data-eng', hasRunbook: false, schedule: '0 6 * * *', runsPerDay: 1,
        sla: { freshnessHoursBefore: 24, freshnessHours: 6, holdsToday: true },
        slas: [{ source: 'raw.orders', errorAfterHours: 6 }], alertRoutes: ['pagerduty:orders'], alertRoutesChanged: true,
      }],
    });
    expect(PipelinePolicyFacts.safeParse(facts).success).toBe(true);
    expect(summarize(changes).headline).toBe('1 pipeline changed: SLA tightened 24 h → 6 h, alert routes changed');
  });
});
