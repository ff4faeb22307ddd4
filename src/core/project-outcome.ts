import type { ApplyResult } from '../ports/project-engine.ts';
import type { Lock } from './lock.ts';
import type { Failure } from './outcome.ts';
import type { Plan } from './plan.ts';
import type { Project } from './project.ts';

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
