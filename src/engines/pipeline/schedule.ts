import { Cron } from 'croner';
import type { PipelineSpec } from '../../config/pipeline-schema.ts';

export type Schedule = PipelineSpec['schedule'];

const DAY_MS = 86_400_000;

/** Why a schedule cannot run, or undefined when it can: a bad cron expression or an unknown time zone. */
export function scheduleProblem(schedule: Schedule): { field: 'cron' | 'timezone'; message: string } | undefined {
  if (!isTimeZone(schedule.timezone)) return { field: 'timezone', message: `unknown time zone "${schedule.timezone}" (use an IANA name such as Europe/Berlin)` };
  try {
    cronOf(schedule).nextRun(new Date(0));
    return undefined;
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).replace(/^Cron\w*:\s*/, '');
    return { field: 'cron', message: `invalid cron expression "${schedule.cron}": ${reason}` };
  }
}

/** The next `count` runs after `from`. */
export function nextRuns(schedule: Schedule, from: Date, count: number): Date[] {
  return cronOf(schedule).nextRuns(count, from);
}

/** Runs in a day, averaged over the week after `from` (so weekly schedules count as 1/7). */
export function runsPerDay(schedule: Schedule, from: Date): number {
  const cron = cronOf(schedule);
  const end = from.getTime() + 7 * DAY_MS;
  let runs = 0;
  for (let at = cron.nextRun(from); at !== null && at.getTime() <= end && runs < 7 * 24 * 60; at = cron.nextRun(at)) runs++;
  return Math.round((runs / 7) * 100) / 100;
}

/** `Sat 2025-03-15 06:00 Europe/Berlin (05:00 UTC)`. */
export function formatRun(at: Date, timezone: string): string {
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => local.find((p) => p.type === type)?.value ?? '';
  const text = `${part('weekday')} ${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${timezone}`;
  return timezone === 'UTC' ? text : `${text} (${at.toISOString().slice(11, 16)} UTC)`;
}

/**
 * When a downstream run comes closer before the upstream's next run than after its previous one, it
 * reads the upstream's data of the run before: "scheduled before its upstream". Measured at the
 * downstream's first run after `from`; undefined when it is fine (or either schedule cannot run).
 */
export function scheduledBefore(options: { downstream: Schedule; upstream: Schedule; from: Date }): { run: Date; upstreamRun: Date; gapMs: number } | undefined {
  const run = cronOf(options.downstream).nextRun(options.from);
  if (run === null) return undefined;
  const upstream = cronOf(options.upstream);
  const previous = lastRunAtOrBefore(upstream, run);
  const next = upstream.nextRun(run);
  if (previous === undefined) return undefined;
  if (previous.getTime() === run.getTime()) return { run, upstreamRun: previous, gapMs: 0 };
  if (next === null || next.getTime() - run.getTime() >= run.getTime() - previous.getTime()) return undefined;
  return { run, upstreamRun: next, gapMs: next.getTime() - run.getTime() };
}

function lastRunAtOrBefore(cron: Cron, at: Date): Date | undefined {
  let last: Date | undefined;
  for (let t = cron.nextRun(new Date(at.getTime() - DAY_MS - 1)); t !== null && t.getTime() <= at.getTime(); t = cron.nextRun(t)) last = t;
  return last;
}

function cronOf(schedule: Schedule): Cron {
  return new Cron(schedule.cron, { timezone: schedule.timezone, paused: true, mode: '5-part' });
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
