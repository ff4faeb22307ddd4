import type { z } from 'zod';
import type { ProjectKind } from '../../core/project.ts';
import { PIPELINE_FACTS_EXAMPLE, PipelinePolicyFacts } from './pipeline-facts-example.ts';
import { SQL_FACTS_EXAMPLE, SqlPolicyFacts } from './sql-facts-example.ts';
import { TERRAFORM_FACTS_EXAMPLE, TerraformPolicyFacts } from './terraform-facts-example.ts';

/** The facts schema policies read for each project kind, with an example (for docs/policy-facts.md). */
export const FACTS_BY_KIND: Readonly<Record<ProjectKind, { readonly schema: z.ZodType; readonly example: unknown }>> = {
  sql: { schema: SqlPolicyFacts, example: SQL_FACTS_EXAMPLE },
  pipeline: { schema: PipelinePolicyFacts, example: PIPELINE_FACTS_EXAMPLE },
  terraform: { schema: TerraformPolicyFacts, example: TERRAFORM_FACTS_EXAMPLE },
  cdktf: { schema: TerraformPolicyFacts, example: { ...TERRAFORM_FACTS_EXAMPLE, project: 'lake', stack: 'lake-prod' } },
};

/**
 * A plan's facts as policies see them: validated against the kind's schema, with defaults filled in.
 * Facts that do not match are an error (the caller fails closed), never silently ignored.
 */
export function normalizeFacts(kind: ProjectKind, facts: unknown): { ok: true; facts: Record<string, unknown> } | { ok: false; message: string } {
  const parsed = FACTS_BY_KIND[kind].schema.safeParse(facts ?? {});
  if (parsed.success) return { ok: true, facts: parsed.data as Record<string, unknown> };
  const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'facts'}: ${i.message}`);
  return { ok: false, message: `the ${kind} plan's facts do not match their schema (${first.join('; ')})` };
}
