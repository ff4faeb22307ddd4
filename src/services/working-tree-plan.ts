import { z } from 'zod';
import { failure, type Failure } from '../core/outcome.ts';
import { planSchema } from '../core/plan.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { PolicyReport } from '../policy/judge-policies.ts';
import type { PlanFile } from '../ports/plan-file.ts';

/** What `sluice plan` leaves in `<dataDir>/plan.json` for `sluice apply`. */
export type WorkingTreePlan = {
  readonly version: 1;
  /** The base as given (`main`, `none`, …) and the commit it resolved to. */
  readonly baseRef: string;
  readonly baseSha: string;
  /** `--base` as given (null: the default merge base), to resolve the base again on apply. */
  readonly baseArg: string | null;
  /** HEAD when planned; the working tree itself is bound by `treeHash`. */
  readonly headSha: string;
  /** The working tree differed from HEAD (uncommitted or untracked changes were planned). */
  readonly dirty: boolean;
  readonly treeHash: string;
  readonly configHash: string;
  readonly createdAt: string;
  readonly outcomes: readonly ProjectOutcome[];
  /** The policies on the plans' facts when planned (absent in plans made before Sluice evaluated them locally). */
  readonly policy?: PolicyReport;
};

const WorkingTreePlanFile = z.object({
  version: z.literal(1),
  baseRef: z.string(),
  baseSha: z.string(),
  baseArg: z.string().nullable(),
  headSha: z.string(),
  dirty: z.boolean(),
  treeHash: z.string(),
  configHash: z.string(),
  createdAt: z.string(),
  /** Each outcome's plan is parsed with the plan schema, as the state stores parse theirs. */
  outcomes: z.array(z.object({ project: z.object({ name: z.string() }).passthrough(), status: z.string(), plan: planSchema.optional() }).passthrough()),
  policy: z.object({ violations: z.array(z.unknown()), errors: z.array(z.unknown()) }).passthrough().optional(),
});

/** Keeps the plan for `sluice apply`; returns where. */
export function saveWorkingTreePlan(file: PlanFile, plan: WorkingTreePlan): string {
  file.write(plan);
  return file.path;
}

/** The stored plan, or `plan_missing` when `sluice plan` has not run (or its file is not a Sluice plan). */
export function loadWorkingTreePlan(file: PlanFile): WorkingTreePlan | Failure {
  const missing = failure('plan_missing', 'applying: there is no plan to apply', { hint: 'Run `sluice plan` first.' });
  const read = file.read();
  if (read === undefined) return missing;
  if (!read.ok) return { ...missing, message: `applying: ${read.message}` };
  const parsed = WorkingTreePlanFile.safeParse(read.value);
  // The plans inside are parsed with the plan schema; outcomes and the policy report are checked for shape.
  if (parsed.success) return parsed.data as unknown as WorkingTreePlan;
  const first = parsed.error.issues[0];
  const where = first === undefined ? '' : ` (${first.path.join('.') || 'plan'}: ${first.message})`;
  return { ...missing, message: `applying: ${file.path} is not a Sluice plan${where}` };
}
