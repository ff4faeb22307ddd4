import type { PlanChange, PlanSummary } from '../../core/plan.ts';
import { diffLines } from './diff-pipeline-specs.ts';
import { formatDurationText, parseDuration } from './duration.ts';
import type { PipelineChange } from './pipeline-changes.ts';
import { formatRun, nextRuns, scheduleProblem } from './schedule.ts';

/** The plan's changes: field diff lines, and the next three runs of a new or changed schedule. */
export function toPlanChanges(changes: readonly PipelineChange[], now: Date): PlanChange[] {
  return changes.map((c) => {
    const address = `pipeline ${c.name}`;
    const runs = c.after !== undefined && scheduleChanged(c) && scheduleProblem(c.after.schedule) === undefined
      ? nextRuns(c.after.schedule, now, 3).map((at, i) => `  next run ${i + 1}: ${formatRun(at, c.after?.schedule.timezone ?? 'UTC')}`)
      : [];
    const detail = [...(c.file === undefined ? [] : [`  file: ${c.file}`]), ...diffLines(c.fields), ...runs];
    return { action: c.action, address, ...(c.action === 'delete' ? { risk: 'destructive' as const } : {}), detail };
  });
}

/** `1 pipeline changed: SLA tightened 24 h → 6 h`, or counts when several changed. */
export function summarize(changes: readonly PipelineChange[]): PlanSummary {
  const count = (a: PipelineChange['action']) => changes.filter((c) => c.action === a).length;
  const [add, change, destroy] = [count('create'), count('update'), count('delete')];
  return { headline: headline(changes, { add, change, destroy }), add, change, destroy };
}

function headline(changes: readonly PipelineChange[], n: { add: number; change: number; destroy: number }): string {
  const [only] = changes;
  if (only === undefined) return 'no changes';
  if (changes.length === 1) {
    if (only.action === 'create') return `1 pipeline added: ${only.name}`;
    if (only.action === 'delete') return `1 pipeline removed: ${only.name}`;
    return `1 pipeline changed: ${notable(only).join(', ')}`;
  }
  const parts = [n.add > 0 ? `${n.add} added` : '', n.change > 0 ? `${n.change} changed` : '', n.destroy > 0 ? `${n.destroy} removed` : ''].filter((p) => p !== '');
  return parts.length === 1 ? `${changes.length} pipelines ${parts[0]?.replace(/^\d+ /, '')}` : `${changes.length} pipelines: ${parts.join(', ')}`;
}

/** The changes a reviewer cares about first: SLAs, schedule, owner, alert routes. */
export function notable(change: PipelineChange): string[] {
  const out: string[] = [];
  const slaFields = change.fields.filter((f) => f.path.endsWith('.freshness.error_after') && f.before !== undefined && f.after !== undefined);
  for (const f of slaFields) {
    const source = /^sources\[(.+)\]\.freshness/.exec(f.path)?.[1];
    const verb = parseDuration(f.after ?? '') < parseDuration(f.before ?? '') ? 'tightened' : 'loosened';
    out.push(`${slaFields.length > 1 && source ? `${source} ` : ''}SLA ${verb} ${formatDurationText(f.before ?? '')} → ${formatDurationText(f.after ?? '')}`);
  }
  const cron = change.fields.find((f) => f.path === 'schedule.cron');
  if (cron !== undefined) out.push(`schedule ${cron.before ?? '—'} → ${cron.after ?? '—'}`);
  const owner = change.fields.find((f) => f.path === 'owner');
  if (owner !== undefined) out.push(`owner ${owner.before ?? '—'} → ${owner.after ?? '—'}`);
  const alerts = change.fields.filter((f) => f.path.startsWith('alerts'));
  if (alerts.length > 0) out.push('alert routes changed');
  // A warning threshold moving with the SLA is part of the SLA change.
  const warnings = slaFields.length > 0 ? change.fields.filter((f) => f.path.endsWith('.freshness.warn_after')).length : 0;
  const rest = change.fields.length - slaFields.length - warnings - (cron ? 1 : 0) - (owner ? 1 : 0) - alerts.length;
  if (rest > 0) out.push(`${rest} ${out.length === 0 ? '' : 'other '}field${rest === 1 ? '' : 's'} changed`);
  return out;
}

function scheduleChanged(c: PipelineChange): boolean {
  return c.fields.some((f) => f.path.startsWith('schedule.'));
}
