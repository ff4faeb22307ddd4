import type { PlanBody, PlanChange } from '../../core/plan.ts';
import { comparableSides, type ComparableSides } from './comparable-sides.ts';
import { diffAttributes } from './diff-attributes.ts';
import { changeAction, isEffective, maskedSides, toPlanChange, toResourceFact } from './describe-resource-change.ts';
import type { TerraformChange, TerraformDriftFact, TerraformFacts, TerraformOutputFact, TerraformPlan } from './schema.ts';
import { summarizePlan } from './summarize-plan.ts';

export type ToPlanBodyOptions = {
  readonly project: string;
  /** The CDKTF stack the plan is for. */
  readonly stack?: string;
  /** What apply needs (plan file and its sha256…); the engine fills it. */
  readonly artifacts?: Readonly<Record<string, unknown>>;
};

/**
 * A parsed `terraform show -json` plan as a `PlanBody`: one change per resource (and one named `outputs`) with
 * masked attribute lines, Terraform's summary line, and `TerraformFacts` for policies. Drift goes to
 * `facts.drift`, rendered in its own section; it is not a change of this plan.
 */
export function toPlanBody(plan: TerraformPlan, options: ToPlanBodyOptions): PlanBody {
  const effective = plan.resource_changes.filter(isEffective);
  const outputs = Object.entries(plan.output_changes).filter(([, c]) => changeAction(c.actions) !== 'no-op');
  const changes: PlanChange[] = [...effective.map(toPlanChange), ...outputsChange(outputs)];
  const facts: TerraformFacts = {
    engine: 'terraform',
    mode: 'plan',
    stateAware: true,
    project: options.project,
    ...(options.stack === undefined ? {} : { stack: options.stack }),
    formatVersion: plan.format_version,
    ...(plan.terraform_version === undefined ? {} : { terraformVersion: plan.terraform_version }),
    errored: plan.errored,
    resources: effective.map((rc) => toResourceFact(rc, options)),
    drift: plan.resource_drift.filter(isEffective).map((rc): TerraformDriftFact => ({ ...toResourceFact(rc, options), detail: driftDetail(rc.change) })),
    outputs: outputs.map(([name, c]) => outputFact(name, c)),
  };
  return {
    summary: summarizePlan(plan.resource_changes, { outputChanges: outputs.length, errored: plan.errored }),
    changes,
    tests: [],
    facts,
    artifacts: { ...options.artifacts },
    annotations: [],
  };
}

/** Terraform's "Changes to Outputs" as one change named `outputs`, one line per output value. */
function outputsChange(outputs: readonly [string, TerraformChange][]): PlanChange[] {
  if (outputs.length === 0) return [];
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const sides = new Map<string, ComparableSides>();
  for (const [name, change] of outputs) {
    sides.set(name, comparableSides(change));
    const action = changeAction(change.actions);
    if (action !== 'create') before[name] = sides.get(name)!.before;
    if (action !== 'delete') after[name] = sides.get(name)!.after;
  }
  const isSecret = (path: readonly (string | number)[]): boolean => sides.get(String(path[0]))?.isSecret(path.slice(1)) ?? false;
  const actions = new Set(outputs.map(([, change]) => changeAction(change.actions)));
  const action = actions.size === 1 && (actions.has('create') || actions.has('delete')) ? [...actions][0]! : 'update';
  return [{ action, address: 'outputs', risk: 'none', detail: diffAttributes(before, after, { isSecret }) }];
}

function outputFact(name: string, change: TerraformChange): TerraformOutputFact {
  const { before, after } = maskedSides(change);
  return { name, actions: [...change.actions], sensitive: change.after_sensitive === true || change.before_sensitive === true, before, after };
}

/** Drift compares the last known state with what the refresh found; both sides are real values. */
function driftDetail(change: TerraformChange): string[] {
  const { before, after, isSecret } = comparableSides(change);
  return diffAttributes(before, after, { isSecret });
}
