import { failure, type Failure } from '../core/outcome.ts';
import type { ProjectKind } from '../core/project.ts';

/** Why an engine refuses to apply a stored plan of another kind than its own (nothing is run). */
export function wrongKindFailure(kind: ProjectKind, expected: ProjectKind): Failure {
  return failure('plan_missing', `the stored plan is a ${kind} plan, not a ${expected} plan; production is unchanged`, { hint: 'Plan again, then apply.' });
}
