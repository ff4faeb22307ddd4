/** A ProjectEngine that answers from a script, for service unit tests: no disk, no warehouse. */
import { failure, type Failure } from '../../src/core/outcome.ts';
import type { PlanBody } from '../../src/core/plan.ts';
import type { ProjectKind } from '../../src/core/project.ts';
import type { ApplyResult, EngineContext, ProjectEngine } from '../../src/ports/project-engine.ts';
import { planBodyOf } from './plan-payloads.ts';

/** Per project: a plan (or a Failure, or a crash), and what its apply returns. */
export type EngineScript = Record<string, { plan?: 'changes' | 'no-changes' | Failure | 'crash'; apply?: 'ok' | Failure }>;

export type ScriptedEngine = ProjectEngine & {
  /** `plan <project>` / `apply <project>` in the order the engine was asked. */
  readonly calls: string[];
  /** The engine contexts it was given. */
  readonly contexts: EngineContext[];
};

export function createScriptedEngine(kind: ProjectKind, script: EngineScript): ScriptedEngine {
  const engine: ScriptedEngine = {
    kind,
    calls: [],
    contexts: [],
    async plan(ctx): Promise<PlanBody | Failure> {
      engine.calls.push(`plan ${ctx.project.name}`);
      engine.contexts.push(ctx);
      ctx.progress(`looking at ${ctx.project.name}`);
      const step = script[ctx.project.name]?.plan ?? 'changes';
      if (step === 'crash') throw new TypeError("Cannot read properties of undefined (reading 'columns')");
      if (typeof step === 'object') return step;
      const changes = step === 'changes' ? [{ action: 'create' as const, address: `${ctx.project.name}.thing` }] : [];
      return planBodyOf(kind, ctx.project.name, {
        summary: { headline: `${changes.length} to add, 0 to change, 0 to destroy`, add: changes.length, change: 0, destroy: 0 }, changes,
      });
    },
    async apply(ctx): Promise<ApplyResult | Failure> {
      engine.calls.push(`apply ${ctx.project.name}`);
      const step = script[ctx.project.name]?.apply ?? 'ok';
      return step === 'ok' ? { summary: `${ctx.project.name} applied`, steps: [`create ${ctx.project.name}.thing`] } : step;
    },
    async cleanup() {},
  };
  return engine;
}

export { failure };
