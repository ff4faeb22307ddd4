import type { Lock } from './lock.ts';
import type { Failure } from './outcome.ts';
import type { Plan } from './plan.ts';
import type { Project } from './project.ts';

/** What an engine's apply did. */
export type ApplyResult = {
  /** One line, e.g. `3 models built, 2 swapped into production`. */
  readonly summary: string;
  /** What ran, in order (statements, resources). */
  readonly steps: readonly string[];
};

export type ProjectStatus =
  | 'planned'
  | 'no-changes'
  | 'failed'
  | 'locked-elsewhere'
  | 'applied'
  | 'apply-failed'
  | 'interrupted'
  | 'cancelled';

/** What happened to one project in one run; the renderers' input. */
export type ProjectOutcome = {
  readonly project: Project;
  readonly status: ProjectStatus;
  readonly plan?: Plan;
  readonly failure?: Failure;
  readonly heldBy?: Lock;
  readonly applied?: ApplyResult & { readonly durationMs: number };
};
