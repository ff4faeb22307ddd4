/**
 * A plan, by kind: each kind's facts (what policies read), report (what render displays) and artifacts (what
 * apply needs) have their own zod schema, and the plan is a discriminated union on `kind`. The types are
 * inferred from the schemas, so a field renamed in a schema breaks the engine and the renderer at compile
 * time, and a stored plan is parsed with `planSchema`, never cast. Pure: no I/O.
 */
import { z } from 'zod';
import type { ProjectKind } from '../project.ts';
import { PipelineArtifacts, PipelinePolicyFacts, PipelineReport } from './pipeline-plan.ts';
import { PLAN_BODY_PARTS, PLAN_IDENTITY_PARTS } from './plan-parts.ts';
import { SqlPlanArtifacts, SqlPolicyFacts, SqlReport } from './sql-plan.ts';
import { CdktfArtifacts, TerraformArtifacts, TerraformPolicyFacts, TerraformReport } from './terraform-plan.ts';

/** The payload schemas of each kind; cdktf shares terraform's facts and report. */
export const PLAN_PAYLOADS = {
  sql: { facts: SqlPolicyFacts, report: SqlReport, artifacts: SqlPlanArtifacts },
  pipeline: { facts: PipelinePolicyFacts, report: PipelineReport, artifacts: PipelineArtifacts },
  terraform: { facts: TerraformPolicyFacts, report: TerraformReport, artifacts: TerraformArtifacts },
  cdktf: { facts: TerraformPolicyFacts, report: TerraformReport, artifacts: CdktfArtifacts },
} as const satisfies Record<ProjectKind, { facts: z.ZodType; report: z.ZodType; artifacts: z.ZodType }>;

const SqlPlanBody = z.object({ kind: z.literal('sql'), ...PLAN_BODY_PARTS, ...PLAN_PAYLOADS.sql });
const PipelinePlanBody = z.object({ kind: z.literal('pipeline'), ...PLAN_BODY_PARTS, ...PLAN_PAYLOADS.pipeline });
const TerraformPlanBody = z.object({ kind: z.literal('terraform'), ...PLAN_BODY_PARTS, ...PLAN_PAYLOADS.terraform });
const CdktfPlanBody = z.object({ kind: z.literal('cdktf'), ...PLAN_BODY_PARTS, ...PLAN_PAYLOADS.cdktf });

/** What an engine returns from `plan`: pure data, no rendering. */
export const planBodySchema = z.discriminatedUnion('kind', [SqlPlanBody, PipelinePlanBody, TerraformPlanBody, CdktfPlanBody]);

/** An immutable stored plan for one project of one PR: a body with its identity and binding. */
export const planSchema = z.discriminatedUnion('kind', [
  SqlPlanBody.extend(PLAN_IDENTITY_PARTS),
  PipelinePlanBody.extend(PLAN_IDENTITY_PARTS),
  TerraformPlanBody.extend(PLAN_IDENTITY_PARTS),
  CdktfPlanBody.extend(PLAN_IDENTITY_PARTS),
]);

/** The body of a plan of kind `K` (of any kind by default). */
export type PlanBody<K extends ProjectKind = ProjectKind> = Extract<z.infer<typeof planBodySchema>, { kind: K }>;

/** A stored plan of kind `K` (of any kind by default). */
export type Plan<K extends ProjectKind = ProjectKind> = Extract<z.infer<typeof planSchema>, { kind: K }>;

export type PlanFacts<K extends ProjectKind> = PlanBody<K>['facts'];
export type PlanReport<K extends ProjectKind> = PlanBody<K>['report'];
export type PlanArtifacts<K extends ProjectKind> = PlanBody<K>['artifacts'];

/** Whether `plan` is of kind `kind`: how an engine's apply narrows the plan it is given. */
export function isPlanOfKind<K extends ProjectKind>(plan: Plan | undefined, kind: K): plan is Plan<K> {
  return plan !== undefined && plan.kind === kind;
}

/** Parses a stored plan (a state store row, `.sluice/plan.json`); the error says which fields do not match. */
export function parsePlan(value: unknown): { ok: true; plan: Plan } | { ok: false; message: string } {
  const parsed = planSchema.safeParse(value);
  if (parsed.success) return { ok: true, plan: parsed.data };
  const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'plan'}: ${i.message}`);
  return { ok: false, message: `the stored plan does not match the plan schema (${first.join('; ')})` };
}
