import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { failure, type Failure } from '../core/outcome.ts';
import type { Plan } from '../core/plan.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { PolicyReport } from '../policy/judge-policies.ts';

/** What `sluice plan` leaves in `<dataDir>/plan.json` for `sluice apply`. */
export type LocalPlan = {
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

const LocalPlanFile = z.object({
  version: z.literal(1),
  baseRef: z.string(),
  baseSha: z.string(),
  baseArg: z.string().nullable(),
  headSha: z.string(),
  dirty: z.boolean(),
  treeHash: z.string(),
  configHash: z.string(),
  createdAt: z.string(),
  outcomes: z.array(z.object({ project: z.object({ name: z.string() }).passthrough(), status: z.string() }).passthrough()),
  policy: z.object({ violations: z.array(z.unknown()), errors: z.array(z.unknown()) }).passthrough().optional(),
});

export const LOCAL_PLAN_FILE = 'plan.json';

export function saveLocalPlan(dataDir: string, plan: LocalPlan): string {
  const path = join(dataDir, LOCAL_PLAN_FILE);
  writeFileSync(path, `${JSON.stringify(plan, null, 2)}\n`);
  return path;
}

/** The stored plan, or `plan_missing` when `sluice plan` has not run (or its file is unreadable). */
export function loadLocalPlan(dataDir: string): LocalPlan | Failure {
  const path = join(dataDir, LOCAL_PLAN_FILE);
  const missing = failure('plan_missing', 'applying: there is no plan to apply', { hint: 'Run `sluice plan` first.' });
  if (!existsSync(path)) return missing;
  try {
    const parsed = LocalPlanFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? (parsed.data as unknown as LocalPlan) : { ...missing, message: `applying: ${path} is not a Sluice plan` };
  } catch {
    return { ...missing, message: `applying: ${path} is not valid JSON` };
  }
}

/** The stored plans of the outcomes that have one. */
export function plansOf(plan: LocalPlan): Plan[] {
  return plan.outcomes.flatMap((o) => (o.plan === undefined ? [] : [o.plan]));
}
