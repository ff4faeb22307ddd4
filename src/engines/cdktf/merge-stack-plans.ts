import type { PlanBody, PlanSummary } from '../../core/plan.ts';
import { planLine } from '../terraform/summarize-plan.ts';
import type { TerraformFacts } from '../terraform/schema.ts';

/** One stack's plan, from the configuration diff or from the terraform runner. */
export type StackPlan = { readonly stack: string; readonly body: PlanBody };

export type MergeOptions = {
  readonly project: string;
  readonly mode: TerraformFacts['mode'];
  /** What apply needs for the whole project (stacks, plan files); JSON-serializable. */
  readonly artifacts: Readonly<Record<string, unknown>>;
};

/**
 * One PlanBody for a CDKTF project: each stack's changes with its name in front of the address
 * (`lake/aws_s3_bucket.raw`), counts summed, and Terraform facts concatenated (each resource keeps its
 * Terraform address and carries its `stack`), so the renderer and policies read it as one Terraform plan.
 */
export function mergeStackPlans(plans: readonly StackPlan[], options: MergeOptions): PlanBody {
  const facts = plans.map((p) => p.body.facts as Partial<TerraformFacts>);
  const merged: TerraformFacts & { stacks: string[] } = {
    engine: 'terraform',
    mode: options.mode,
    stateAware: options.mode === 'plan',
    project: options.project,
    errored: facts.some((f) => f.errored === true),
    resources: facts.flatMap((f) => f.resources ?? []),
    drift: facts.flatMap((f) => f.drift ?? []),
    outputs: plans.flatMap((p) => ((p.body.facts as Partial<TerraformFacts>).outputs ?? []).map((o) => ({ ...o, name: `${p.stack}/${o.name}` }))),
    checks: plans.flatMap((p) => ((p.body.facts as Partial<TerraformFacts>).checks ?? []).map((c) => ({ ...c, address: `${p.stack}/${c.address}` }))),
    actions: facts.flatMap((f) => f.actions ?? []),
    blocks: plans.flatMap((p) => ((p.body.facts as Partial<TerraformFacts>).blocks ?? []).map((b) => ({ ...b, address: `${p.stack}/${b.address}` }))),
    stacks: plans.map((p) => p.stack),
    ...warningsOf(facts),
  };
  return {
    summary: mergeSummaries(plans, options.mode),
    changes: plans.flatMap((p) => p.body.changes.map((c) => ({ ...c, address: `${p.stack}/${c.address}` }))),
    tests: plans.flatMap((p) => p.body.tests.map((t) => ({ ...t, name: `${p.stack}/${t.name}` }))),
    facts: merged,
    artifacts: options.artifacts,
    annotations: plans.flatMap((p) => p.body.annotations),
  };
}

function warningsOf(facts: readonly Partial<TerraformFacts>[]): Pick<TerraformFacts, 'warnings'> {
  const warnings = facts.flatMap((f) => f.warnings ?? []);
  return warnings.length === 0 ? {} : { warnings };
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
  if (plans.some((p) => (p.body.facts as Partial<TerraformFacts>).errored === true)) {
    return { headline: 'Plan errored: incomplete, cannot be applied.', ...counts };
  }
  if (changes === 0) return { headline: plans.length === 0 ? 'No stacks.' : 'No changes.', ...counts };
  return { headline: planLine({ imports: 0, forget: 0, ...counts }).replace(/\.$/, ` ${stacks}.`), ...counts };
}
