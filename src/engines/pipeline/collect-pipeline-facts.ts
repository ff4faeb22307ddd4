import type { PipelineSpec } from '../../config/pipeline-schema.ts';
import type { TestOutcome } from '../../core/plan.ts';
import type { PipelinePolicyFacts } from '../../core/plans/pipeline-plan.ts';
import { parseDuration } from './duration.ts';
import type { LoadedPipeline } from './load-pipelines.ts';
import type { PipelineChange } from './pipeline-changes.ts';
import { runsPerDay, scheduleProblem } from './schedule.ts';

const CHANGE: Readonly<Record<PipelineChange['action'], 'added' | 'modified' | 'removed'>> = { create: 'added', update: 'modified', delete: 'removed' };

/**
 * Facts for policies (`PipelinePolicyFacts` in src/core/plans/pipeline-plan.ts): one entry per changed
 * pipeline — owner, runbook, schedule and runs per day, the tightest freshness SLA before and after and
 * whether it holds today, alert routes — plus per-source thresholds and roll-ups policies read most.
 */
export function pipelineFacts(options: { head: readonly LoadedPipeline[]; changes: readonly PipelineChange[]; tests: readonly TestOutcome[]; now: Date }): PipelinePolicyFacts {
  const pipelines = options.changes.map((c) => pipelineFact(c, options));
  return {
    pipelines,
    owners: [...new Set(pipelines.map((p) => p.owner).filter((o) => o !== null))].sort(),
    missingRunbooks: options.head.filter((p) => p.spec.runbook === undefined).map((p) => p.spec.name),
    changedAlertRoutes: pipelines.filter((p) => p.alertRoutesChanged).map((p) => p.name),
    maxRunsPerDay: Math.max(0, ...pipelines.map((p) => p.runsPerDay)),
  };
}

function pipelineFact(change: PipelineChange, options: { tests: readonly TestOutcome[]; now: Date }) {
  const spec = change.after ?? change.before;
  const freshness = options.tests.filter((t) => t.name.startsWith(`${change.name}: `) && t.name.endsWith(' freshness'));
  return {
    name: change.name,
    ...(change.file === undefined ? {} : { file: change.file }),
    change: CHANGE[change.action],
    owner: spec?.owner ?? null,
    hasRunbook: spec?.runbook !== undefined,
    runbook: spec?.runbook ?? null,
    schedule: spec?.schedule.cron ?? null,
    timezone: spec?.schedule.timezone ?? null,
    runsPerDay: spec !== undefined && scheduleProblem(spec.schedule) === undefined ? runsPerDay(spec.schedule, options.now) : 0,
    sla: {
      freshnessHoursBefore: tightestHours(change.before),
      freshnessHours: tightestHours(change.after),
      holdsToday: freshness.length === 0 ? null : freshness.every((t) => t.status === 'passed'),
    },
    slas: (change.after?.sources ?? []).map((s) => ({
      source: s.name,
      warnAfterHours: s.freshness?.warn_after === undefined ? null : hours(s.freshness.warn_after),
      errorAfterHours: s.freshness === undefined ? null : hours(s.freshness.error_after),
      minRows: s.volume?.min_rows ?? null,
      maxChangePercent: s.volume?.max_change === undefined ? null : Number(s.volume.max_change.slice(0, -1)),
    })),
    alertRoutes: (change.after?.alerts ?? []).map((a) => a.route),
    alertRoutesChanged: routes(change.before) !== routes(change.after),
  };
}

function tightestHours(spec: PipelineSpec | undefined): number | null {
  const all = (spec?.sources ?? []).flatMap((s) => (s.freshness === undefined ? [] : [hours(s.freshness.error_after)]));
  return all.length === 0 ? null : Math.min(...all);
}

function hours(duration: string): number {
  return Math.round((parseDuration(duration) / 3_600_000) * 1000) / 1000;
}

function routes(spec: PipelineSpec | undefined): string {
  return JSON.stringify((spec?.alerts ?? []).map((a) => a.route).sort());
}
