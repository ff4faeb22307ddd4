import type { z } from 'zod';
import { failure, ok, type Problem, type Result } from '../../core/outcome.ts';
import { TerraformPlan } from './schema.ts';

const LISTED_PROBLEMS = 5;

/**
 * Validates the output of `terraform show -json <planfile>` (format_version 0.1 to 1.x; unknown fields
 * pass through). An errored plan (`errored: true`) parses; callers decide what to do with it.
 */
export function parseTerraformPlan(json: unknown): Result<TerraformPlan> {
  const parsed = TerraformPlan.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  const problems = parsed.error.issues.map(toProblem);
  const listed = problems.slice(0, LISTED_PROBLEMS).map((p) => p.message).join('; ');
  const more = problems.length > LISTED_PROBLEMS ? ` (and ${problems.length - LISTED_PROBLEMS} more)` : '';
  return failure('engine_failed', `reading the plan JSON: ${listed}${more}`, { problems });
}

/** Parses `show -json` text; a failure when it is not JSON at all. */
export function parseTerraformPlanText(text: string): Result<TerraformPlan> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return failure('engine_failed', `reading the plan JSON: not JSON (${(error as Error).message})`);
  }
  return parseTerraformPlan(json);
}

function toProblem(issue: z.core.$ZodIssue): Problem {
  const path = issue.path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${String(step)}`)).join('').replace(/^\./, '');
  return { message: path === '' ? issue.message : `${path}: ${issue.message}` };
}
