import type { PlanBody, PlanChange } from '../../core/plan.ts';
import { comparableSides, maskedSides, planSensitivity, type ComparableSides, type SecrecyOptions, type Sensitivity } from './comparable-sides.ts';
import { diffAttributes } from './diff-attributes.ts';
import { changeAction, isEffective, toPlanChange, toResourceFact } from './describe-resource-change.ts';
import { actionChanges, toActionFact } from './describe-action-invocation.ts';
import { readFailedChecks } from './read-failed-checks.ts';
import { TerraformPolicyFacts } from '../../core/plans/terraform-plan.ts';
import type { TerraformArtifacts, TerraformChange, TerraformDriftFact, TerraformFacts, TerraformOutputFact, TerraformPlan } from './schema.ts';
import { isSecretName } from './secret-names.ts';
import { summarizePlan } from './summarize-plan.ts';

export type ToPlanBodyOptions = {
  readonly project: string;
  /** The CDKTF stack the plan is for. */
  readonly stack?: string;
  /** What apply needs (the plan file and its sha256…); the engine fills it. Absent: nothing apply can run. */
  readonly artifacts?: TerraformArtifacts;
};

/**
 * A parsed `terraform show -json` plan as a `PlanBody`: one change per resource, per action it invokes (and one
 * named `outputs`) with masked attribute lines, Terraform's summary line, and `TerraformFacts` for policies.
 * Drift and failed checks go to the facts and to the report, which renders them in their own sections.
 */
export function toPlanBody(plan: TerraformPlan, options: ToPlanBodyOptions): PlanBody<'terraform'> {
  const sensitivity = planSensitivity(plan);
  const secrecy: SecrecyOptions = { sensitivity };
  const effective = plan.resource_changes.filter(isEffective);
  const outputs = Object.entries(plan.output_changes).filter(([, c]) => changeAction(c.actions) !== 'no-op');
  const sensitiveOutputs = declaredSensitiveOutputs(plan);
  const outputSecrecy = (name: string): SecrecyOptions => ({
    sensitivity,
    whole: sensitiveOutputs.has(name) || isWhollySensitive(plan.output_changes[name]) || (sensitivity === 'names' && isSecretName(name)),
  });
  const checks = readFailedChecks(plan.checks);
  const changes: PlanChange[] = [
    ...effective.map((rc) => toPlanChange(rc, { secrecy, actions: plan.action_invocations })),
    ...actionChanges(plan.action_invocations),
    ...outputsChange(outputs, outputSecrecy),
  ];
  const facts: TerraformFacts = {
    engine: 'terraform',
    mode: 'plan',
    stateAware: true,
    project: options.project,
    ...(options.stack === undefined ? {} : { stack: options.stack }),
    formatVersion: plan.format_version,
    ...(plan.terraform_version === undefined ? {} : { terraformVersion: plan.terraform_version }),
    errored: plan.errored,
    resources: effective.map((rc) => toResourceFact(rc, { ...options, secrecy })),
    drift: plan.resource_drift.filter(isEffective).map((rc): TerraformDriftFact => ({ ...toResourceFact(rc, { ...options, secrecy }), detail: driftDetail(rc.change, sensitivity) })),
    outputs: outputs.map(([name, c]) => outputFact(name, c, outputSecrecy(name))),
    ...(checks.length === 0 ? {} : { checks }),
    ...(plan.action_invocations.length === 0 ? {} : { actions: plan.action_invocations.map(toActionFact) }),
  };
  return {
    kind: 'terraform',
    summary: summarizePlan(plan.resource_changes, { outputChanges: outputs.length, errored: plan.errored, actions: plan.action_invocations.length, failedChecks: checks.length }),
    changes,
    tests: [],
    facts: TerraformPolicyFacts.parse(facts),
    report: { mode: 'plan', stacks: [], warnings: [], checks, drift: facts.drift },
    artifacts: options.artifacts ?? { mode: 'config-diff' },
    annotations: [],
  };
}

/** Terraform's "Changes to Outputs" as one change named `outputs`, one line per output value. */
function outputsChange(outputs: readonly [string, TerraformChange][], secrecy: (name: string) => SecrecyOptions): PlanChange[] {
  if (outputs.length === 0) return [];
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const sides = new Map<string, ComparableSides>();
  for (const [name, change] of outputs) {
    sides.set(name, comparableSides(change, secrecy(name)));
    const action = changeAction(change.actions);
    if (action !== 'create') before[name] = sides.get(name)!.before;
    if (action !== 'delete') after[name] = sides.get(name)!.after;
  }
  const secretRoot = (path: readonly (string | number)[], value: unknown): readonly (string | number)[] | undefined => {
    const root = sides.get(String(path[0]))?.secretRoot(path.slice(1), value);
    return root === undefined ? undefined : [path[0]!, ...root];
  };
  const actions = new Set(outputs.map(([, change]) => changeAction(change.actions)));
  const action = actions.size === 1 && (actions.has('create') || actions.has('delete')) ? [...actions][0]! : 'update';
  return [{ action, address: 'outputs', risk: 'none', detail: diffAttributes(before, after, { secretRoot }) }];
}

function outputFact(name: string, change: TerraformChange, secrecy: SecrecyOptions): TerraformOutputFact {
  const { before, after } = maskedSides(change, secrecy);
  return { name, actions: [...change.actions], sensitive: secrecy.whole === true, before, after };
}

/** Outputs declared `sensitive = true`, as `planned_values` and `configuration` record it (every format version). */
function declaredSensitiveOutputs(plan: TerraformPlan): Set<string> {
  const declared = [plan.configuration?.root_module?.outputs, plan.planned_values?.outputs].flatMap((outputs) => Object.entries(outputs ?? {}));
  return new Set(declared.filter(([, output]) => output.sensitive === true).map(([name]) => name));
}

function isWhollySensitive(change: TerraformChange | undefined): boolean {
  return change?.before_sensitive === true || change?.after_sensitive === true;
}

/** Drift compares the last known state with what the refresh found; both sides are real values. */
function driftDetail(change: TerraformChange, sensitivity: Sensitivity): string[] {
  const { before, after, secretRoot } = comparableSides(change, { sensitivity });
  return diffAttributes(before, after, { secretRoot });
}
