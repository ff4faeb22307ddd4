/**
 * Plans: the shared parts and the kind-discriminated union live in src/core/plans/ (one module per kind,
 * `plan.ts` for the union and `planSchema`); this module re-exports them with the helpers every layer uses.
 */
import type { PlanBody, Plan } from './plans/plan.ts';
import type { PlanChange, TestOutcome } from './plans/plan-parts.ts';

export type { Annotation, ChangeAction, ChangeWording, PlanBinding, PlanChange, PlanSummary, TestOutcome } from './plans/plan-parts.ts';
export { isPlanOfKind, parsePlan, planBodySchema, planSchema } from './plans/plan.ts';
export type { Plan, PlanArtifacts, PlanBody, PlanFacts, PlanReport } from './plans/plan.ts';

export function hasChanges(body: Pick<PlanBody, 'changes'>): boolean {
  return body.changes.some((c: PlanChange) => c.action !== 'no-op' && c.action !== 'read');
}

export function failedTests(body: Pick<PlanBody, 'tests'>): readonly TestOutcome[] {
  return body.tests.filter((t: TestOutcome) => t.status === 'failed' || t.status === 'errored');
}

/** The stored plan a body becomes (the types' check that `Plan` is a body with identity and binding). */
export type StoredPlan = Plan;
