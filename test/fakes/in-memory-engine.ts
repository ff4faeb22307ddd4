import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { failure } from '../../src/core/outcome.ts';
import type { PlanBody, PlanChange } from '../../src/core/plan.ts';
import type { ProjectKind } from '../../src/core/project.ts';
import type { ApplyResult, EngineContext, ProjectEngine } from '../../src/ports/project-engine.ts';
import { planBodyOf } from './plan-payloads.ts';

/**
 * A ProjectEngine for workflow tests: it plans the file-level difference of the project's folder
 * between base and head, and "applies" by copying the head files into an in-memory production.
 * A file containing `SLUICE_FAIL_PLAN` fails the plan at that line; `SLUICE_FAIL_APPLY` fails apply;
 * `SLUICE_CRASH_PLAN` makes the plan throw, as an engine bug would.
 * A `sluice-facts.json` file in the project folder adds its (JSON object) content to the plan's facts, so
 * tests can give policies the facts a real engine would produce. Plans are valid plans of the engine's kind
 * (empty report and artifacts); apply deploys the project's files at head, which the apply guard binds to the plan.
 */
export type InMemoryEngine = ProjectEngine & {
  /** What production holds per project: file → content. */
  readonly production: Map<string, Map<string, string>>;
  readonly applied: string[];
  readonly cleanedUp: string[];
  /** Plans wait this long (honouring the abort signal), for cancel tests. */
  planDelayMs: number;
};

/** A project file whose JSON content is merged into the plan's facts. */
export const FACTS_FILE = 'sluice-facts.json';

export function createInMemoryEngine(kind: ProjectKind = 'sql'): InMemoryEngine {
  const engine: InMemoryEngine = {
    kind,
    production: new Map(),
    applied: [],
    cleanedUp: [],
    planDelayMs: 0,
    async plan(ctx) {
      ctx.progress(`comparing ${ctx.project.name}`);
      if (engine.planDelayMs > 0) await sleep(engine.planDelayMs, undefined, { signal: ctx.signal }).catch(() => undefined);
      if (ctx.signal.aborted) return failure('cancelled', 'cancelled');
      const head = readTree(join(ctx.headDir, ctx.project.dir));
      const base = readTree(join(ctx.baseDir, ctx.project.dir));
      if (findMarker(head, 'SLUICE_CRASH_PLAN')) throw new TypeError("Cannot read properties of undefined (reading 'columns')");
      const broken = findMarker(head, 'SLUICE_FAIL_PLAN');
      if (broken) {
        return failure('engine_failed', `${broken.file}:${broken.line}: cannot plan this file`, {
          location: { file: join(ctx.project.dir, broken.file), line: broken.line, column: 1 },
        });
      }
      const extra = head.get(FACTS_FILE);
      return planBody(kind, ctx.project.name, diffTrees(base, head), extra === undefined ? {} : JSON.parse(extra));
    },
    async apply(ctx, plan): Promise<ApplyResult | ReturnType<typeof failure>> {
      const files = Object.fromEntries(readTree(join(ctx.headDir, ctx.project.dir)));
      if (Object.values(files).some((text) => text.includes('SLUICE_FAIL_APPLY'))) {
        return failure('apply_failed', 'the target refused the change; production is unchanged');
      }
      engine.production.set(ctx.project.name, new Map(Object.entries(files)));
      engine.applied.push(`${ctx.pr.number}:${ctx.project.name}`);
      return { summary: `${plan.changes.length} files deployed`, steps: plan.changes.map((c) => `${c.action} ${c.address}`) };
    },
    async cleanup(ctx: Omit<EngineContext, 'headDir' | 'baseDir' | 'progress'>) {
      engine.cleanedUp.push(`${ctx.pr.number}:${ctx.project.name}`);
    },
  };
  return engine;
}

function planBody(kind: ProjectKind, project: string, changes: PlanChange[], extraFacts: object): PlanBody {
  const count = (a: PlanChange['action']) => changes.filter((c) => c.action === a).length;
  const add = count('create');
  const change = count('update');
  const destroy = count('delete');
  return planBodyOf(kind, project, {
    summary: { headline: `${add} to add, ${change} to change, ${destroy} to destroy`, add, change, destroy },
    changes,
    facts: { files: changes.map((c) => c.address), ...extraFacts },
  });
}

function diffTrees(base: Map<string, string>, head: Map<string, string>): PlanChange[] {
  const changes: PlanChange[] = [];
  for (const [file, text] of head) {
    const before = base.get(file);
    if (before === undefined) changes.push({ action: 'create', address: file, detail: [`+ ${firstLine(text)}`] });
    else if (before !== text) changes.push({ action: 'update', address: file, detail: [`- ${firstLine(before)}`, `+ ${firstLine(text)}`] });
  }
  for (const file of base.keys()) if (!head.has(file)) changes.push({ action: 'delete', address: file, risk: 'destructive' });
  return changes.sort((a, b) => a.address.localeCompare(b.address));
}

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      if (name === '.git') continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

function findMarker(files: Map<string, string>, marker: string): { file: string; line: number } | undefined {
  for (const [file, text] of files) {
    const index = text.split('\n').findIndex((l) => l.includes(marker));
    if (index >= 0) return { file, line: index + 1 };
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
