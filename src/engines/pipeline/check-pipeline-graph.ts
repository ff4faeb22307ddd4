import { formatPath } from '../../config/validate-located.ts';
import { findCycles, formatCycle } from '../../core/order-projects.ts';
import { formatSpan } from './duration.ts';
import type { Finding } from './finding.ts';
import type { LoadedPipeline } from './load-pipelines.ts';
import { formatRun, scheduledBefore, scheduleProblem } from './schedule.ts';

/**
 * Checks across the pipelines of a project: unique names, known `depends_on`, no cycles (named in full),
 * and a warning for a pipeline scheduled before an upstream it depends on.
 */
export function checkPipelineGraph(pipelines: readonly LoadedPipeline[], options: { now: Date; invalidNames?: readonly string[] }): Finding[] {
  const byName = new Map<string, LoadedPipeline>();
  const findings: Finding[] = [];
  for (const p of pipelines) {
    const first = byName.get(p.spec.name);
    if (first === undefined) byName.set(p.spec.name, p);
    else findings.push({ level: 'error', message: `name: duplicate pipeline name "${p.spec.name}" (also in ${first.file})`, location: p.locate(['name']) });
  }
  const invalid = new Set(options.invalidNames ?? []);
  for (const p of byName.values()) findings.push(...checkDependencies(p, { byName, invalid, now: options.now }));
  return [...findings, ...cycleFindings(byName)];
}

type Known = { byName: ReadonlyMap<string, LoadedPipeline>; invalid: ReadonlySet<string>; now: Date };

function checkDependencies(p: LoadedPipeline, { byName, invalid, now }: Known): Finding[] {
  return p.spec.depends_on.flatMap((dep, j): Finding[] => {
    const path = ['depends_on', j];
    const upstream = byName.get(dep);
    if (upstream === undefined && invalid.has(dep)) return [];
    if (upstream === undefined) {
      const known = [...byName.keys()].filter((n) => n !== p.spec.name).join(', ') || 'none';
      return [{ level: 'error', message: `${formatPath(path)}: unknown pipeline "${dep}" (pipelines: ${known})`, location: p.locate(path) }];
    }
    if (dep === p.spec.name || scheduleProblem(p.spec.schedule) || scheduleProblem(upstream.spec.schedule)) return [];
    const early = scheduledBefore({ downstream: p.spec.schedule, upstream: upstream.spec.schedule, from: now });
    if (early === undefined) return [];
    const when = early.gapMs === 0 ? 'at the same time as' : `${formatSpan(early.gapMs)} before`;
    const message = `${formatPath(path)}: ${p.spec.name} runs ${formatRun(early.run, p.spec.schedule.timezone)}, ${when} its upstream ${dep} (${formatRun(early.upstreamRun, upstream.spec.schedule.timezone)}), so it reads the upstream's previous run`;
    return [{ level: 'warning', message, location: p.locate(path) }];
  });
}

function cycleFindings(byName: ReadonlyMap<string, LoadedPipeline>): Finding[] {
  const graph = new Map([...byName].map(([name, p]) => [name, p.spec.depends_on]));
  return findCycles(graph).map((cycle) => {
    const first = byName.get(cycle[0] ?? '') as LoadedPipeline;
    const next = cycle[1] ?? cycle[0] ?? '';
    const index = Math.max(0, first.spec.depends_on.indexOf(next));
    return { level: 'error', message: `depends_on: dependency cycle ${formatCycle(cycle)}`, location: first.locate(['depends_on', index]) };
  });
}
