/** Plans for tests, made valid by the plan schema: each kind's empty payload, and plans parsed from plain fields. */
import { planBodySchema, planSchema, type Plan, type PlanBody } from '../../src/core/plan.ts';
import type { ProjectKind } from '../../src/core/project.ts';

const EMPTY_TERRAFORM_REPORT = { mode: 'plan', stacks: [], warnings: [], checks: [], drift: [] };

/** What a plan of each kind carries when nothing changes: facts default, an empty report, artifacts apply can read. */
export const EMPTY_PAYLOAD: Readonly<Record<ProjectKind, (project: string) => { kind: ProjectKind; facts: object; report: object; artifacts: object }>> = {
  sql: (project) => ({
    kind: 'sql',
    facts: {},
    report: { counts: { added: 0, breaking: 0, 'non-breaking': 0, indirect: 0, removed: 0 }, models: [], lineage: { nodes: [], edges: [] }, windowDays: 7 },
    artifacts: { engine: 'sql', project, models: [], removed: [], statements: [], prSchemas: [] },
  }),
  pipeline: () => ({ kind: 'pipeline', facts: {}, report: {}, artifacts: { deploy: [] } }),
  terraform: () => ({ kind: 'terraform', facts: {}, report: EMPTY_TERRAFORM_REPORT, artifacts: { mode: 'config-diff' } }),
  cdktf: () => ({ kind: 'cdktf', facts: {}, report: EMPTY_TERRAFORM_REPORT, artifacts: { engine: 'cdktf', mode: 'config-diff', headInputsHash: '0'.repeat(64) } }),
};

/** A plan body of `kind` from plain fields over the kind's empty payload, parsed (defaults filled in). */
export function planBodyOf(kind: ProjectKind, project: string, fields: Record<string, unknown>): PlanBody {
  const empty = { summary: { headline: 'no changes', add: 0, change: 0, destroy: 0 }, changes: [], tests: [], annotations: [] };
  return planBodySchema.parse({ ...empty, ...EMPTY_PAYLOAD[kind](project), ...fields });
}

/** A stored plan from plain fields (a body and its identity), parsed with the plan schema as the stores do. */
export function planOf(fields: Record<string, unknown>): Plan {
  return planSchema.parse(fields);
}
