import type { PlanBody, PlanSummary } from '../../core/plan.ts';
import { planLine } from '../terraform/summarize-plan.ts';
import type { CdktfArtifacts } from '../../core/plans/terraform-plan.ts';
import type { TerraformFacts, TerraformPolicyFacts, TerraformWarning } from '../terraform/schema.ts';

/** One stack's plan, from the configuration diff or from the terraform runner (its artifacts go to the project's). */
export type StackPlan = { readonly stack: string; readonly body: Omit<PlanBody<'terraform'>, 'artifacts'> };

export type MergeOptions = {
  readonly project: string;
  readonly mode: TerraformFacts['mode'];
  /** What apply needs for the whole project (stacks, plan files). */
  readonly artifacts: CdktfArtifacts;
};

/**
 * One PlanBody for a CDKTF project: each stack's changes with its name in front of the address
 * (`lake/aws_s3_bucket.raw`), counts summed, and Terraform facts concatenated (each resource keeps its
 * Terraform address and carries its `stack`), so the renderer and policies read it as one Terraform plan.
 */
export function mergeStackPlans(plans: readonly StackPlan[], options: MergeOptions): PlanBody<'cdktf'> {
  const facts = plans.map((p) => p.body.facts);
  const warnings = facts.flatMap((f) => f.warnings ?? []);
  const checks = plans.flatMap((p) => p.body.facts.checks.map((c) => ({ ...c, address: `${p.stack}/${c.address}` })));
  const stacks = plans.map((p) => p.stack);
  const merged: TerraformPolicyFacts & { stacks: string[] } = {
    engine: 'terraform',
    mode: options.mode,
    stateAware: options.mode === 'plan',
    project: options.project,
    errored: facts.some((f) => f.errored === true),
    resources: facts.flatMap((f) => f.resources),
    drift: facts.flatMap((f) => f.drift),
    outputs: plans.flatMap((p) => p.body.facts.outputs.map((o) => ({ ...o, name: `${p.stack}/${o.name}` }))),
    checks,
    actions: facts.flatMap((f) => f.actions),
    blocks: plans.flatMap((p) => p.body.facts.blocks.map((b) => ({ ...b, address: `${p.stack}/${b.address}` }))),
    stacks,
    ...warningsOf(warnings),
  };
  return {
    kind: 'cdktf',
    summary: mergeSummaries(plans, options.mode),
    changes: plans.flatMap((p) => p.body.changes.map((c) => ({ ...c, address: `${p.stack}/${c.address}` }))),
    tests: plans.flatMap((p) => p.body.tests.map((t) => ({ ...t, name: `${p.stack}/${t.name}` }))),
    facts: merged,
    report: { mode: options.mode, stacks, warnings, checks, drift: merged.drift },
    artifacts: options.artifacts,
    annotations: plans.flatMap((p) => p.body.annotations),
  };
}

function warningsOf(warnings: readonly TerraformWarning[]): Pick<TerraformFacts, 'warnings'> {
  return warnings.length === 0 ? {} : { warnings: [...warnings] };
}

function mergeSummaries(plans: readonly StackPlan[], mode: TerraformFacts['mode']): PlanSummary {
  const [only] = plans;
  if (plans.length === 1 && only !== undefined) return only.body.summary;
  const sum = (key: 'add' | 'change' | 'destroy'): number => plans.reduce((n, p) => n + p.body.summary[key], 0);
  const counts = { add: sum('add'), change: sum('change'), destroy: sum('destroy') };
  const changes = plans.reduce((n, p) => n + p.body.changes.length, 0);
  const stacks = `across ${plans.length} stacks`;
  if (mode === 'config-diff') {
    const what = changes === 0 ? 'no changes' : `${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy`;
    return { headline: `Configuration diff (not state-aware): ${what} ${stacks}.`, ...counts };
  }
  if (plans.some((p) => p.body.facts.errored === true)) {
    return { headline: 'Plan errored: incomplete, cannot be applied.', ...counts };
  }
  if (changes === 0) return { headline: plans.length === 0 ? 'No stacks.' : 'No changes.', ...counts };
  return { headline: planLine({ imports: 0, forget: 0, ...counts }).replace(/\.$/, ` ${stacks}.`), ...counts };
}
