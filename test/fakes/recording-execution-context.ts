/** An ExecutionContext that records what the per-project loops did with it. */
import type { Lock } from '../../src/core/lock.ts';
import type { Failure } from '../../src/core/outcome.ts';
import type { Plan } from '../../src/core/plan.ts';
import type { ProjectOutcome } from '../../src/core/project-outcome.ts';
import type { ExecutionContext } from '../../src/ports/execution-context.ts';

export type RecordingExecutionContext = ExecutionContext & {
  readonly kept: Plan[];
  readonly applied: string[];
  readonly audited: string[];
  /** What each project's report showed, in order: `plan analytics: begin planning analytics`, `… complete planned`. */
  readonly shown: string[];
  readonly abort: () => void;
};

export function createRecordingExecutionContext(options: { heldBy?: Record<string, Lock>; refused?: Record<string, Failure> } = {}): RecordingExecutionContext {
  const controller = new AbortController();
  const kept: Plan[] = [];
  const applied: string[] = [];
  const audited: string[] = [];
  const shown: string[] = [];
  return {
    kept, applied, audited, shown,
    abort: () => controller.abort(),
    pr: { repo: 'acme/data', number: 7 },
    actor: 'dana',
    checkout: { headDir: '/checkout/head', baseDir: '/checkout/base', headSha: 'h'.repeat(40), baseSha: 'b'.repeat(40) },
    configHash: 'config-1',
    signal: controller.signal,
    extraArgs: [],
    artifactDir: (project) => `/artifacts/${project.name}`,
    lock: async (project) => {
      const held = options.heldBy?.[project.name];
      return held ? { acquired: false, heldBy: held } : { acquired: true, lock: { repo: 'acme/data', project: project.name, target: project.target, pr: 7, user: 'dana', acquiredAt: '' } };
    },
    refusal: (project) => options.refused?.[project.name],
    keep: async (plan) => void kept.push(plan),
    markApplied: async (plan) => void applied.push(plan.project),
    audit: async (action, detail) => void audited.push(`${action} ${String(detail['project'])}`),
    track: async (project, command) => ({
      begin: (title) => void shown.push(`${command} ${project.name}: begin ${title}`),
      progress: (message) => void shown.push(`${command} ${project.name}: ${message}`),
      complete: async (outcome: ProjectOutcome) => void shown.push(`${command} ${project.name}: complete ${outcome.status}`),
    }),
  };
}
