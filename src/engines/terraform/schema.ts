import { z } from 'zod';
import { PathStep } from '../../core/plans/terraform-plan.ts';

/**
 * zod schemas for `terraform show -json <planfile>` (every `format_version` from 0.1 to 1.x); the facts the
 * terraform engine hands to policies and its artifacts are the plan's (src/core/plans/terraform-plan.ts). Plan schemas are loose: unknown fields pass through, and
 * fields added in later versions (`replace_paths`, `action_reason`, `importing`, `resource_drift`,
 * `errored`…) are optional.
 */


/** The `change` object of a resource change, a drift entry or an output change. */
export const TerraformChange = z.looseObject({
  actions: z.array(z.string()).min(1),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  after_unknown: z.unknown().optional(),
  before_sensitive: z.unknown().optional(),
  after_sensitive: z.unknown().optional(),
  /** Paths whose change forces the replacement (format 0.2+). */
  replace_paths: z.array(z.array(PathStep)).optional(),
  /** Present when the resource is being imported (Terraform 1.5+). */
  importing: z.looseObject({ id: z.string().optional(), identity: z.unknown().optional() }).nullable().optional(),
  generated_config: z.string().optional(),
});
export type TerraformChange = z.infer<typeof TerraformChange>;

export const TerraformResourceChange = z.looseObject({
  address: z.string().min(1),
  /** Where the resource was before a `moved` block (format 1.0+). */
  previous_address: z.string().optional(),
  module_address: z.string().optional(),
  mode: z.string().default('managed'),
  type: z.string().default(''),
  name: z.string().default(''),
  index: z.unknown().optional(),
  provider_name: z.string().default(''),
  deposed: z.string().optional(),
  /** Why Terraform chose the action, e.g. `replace_because_cannot_update` (format 0.2+). */
  action_reason: z.string().optional(),
  change: TerraformChange,
});
export type TerraformResourceChange = z.infer<typeof TerraformResourceChange>;

/**
 * One checkable object's result (format 1.1+, Terraform 1.3+): a `check` block, a resource's conditions, an
 * output's or a variable's validation. `status` is `pass`, `fail`, `error` or `unknown`.
 */
export const TerraformCheckResult = z.looseObject({
  address: z.looseObject({ kind: z.string().optional(), to_display: z.string() }),
  status: z.string(),
  instances: z.array(z.looseObject({
    address: z.looseObject({ to_display: z.string() }),
    status: z.string(),
    problems: z.array(z.looseObject({ message: z.string() })).optional(),
  })).optional(),
});
export type TerraformCheckResult = z.infer<typeof TerraformCheckResult>;

/**
 * An action the plan invokes (Terraform 1.14+): by a resource's lifecycle (`action_trigger` events such as
 * `AfterCreate`), or by `terraform plan -invoke`. Config mirrors as for resource changes.
 */
export const TerraformActionInvocation = z.looseObject({
  address: z.string().min(1),
  type: z.string().default(''),
  name: z.string().default(''),
  provider_name: z.string().default(''),
  config_values: z.unknown().optional(),
  config_sensitive: z.unknown().optional(),
  config_unknown: z.unknown().optional(),
  lifecycle_action_trigger: z.looseObject({ triggering_resource_address: z.string(), action_trigger_event: z.string() }).optional(),
  invoke_action_trigger: z.looseObject({ calling_resource_address: z.string().optional() }).optional(),
});
export type TerraformActionInvocation = z.infer<typeof TerraformActionInvocation>;

/** Output values as `planned_values` and `configuration` declare them: only whether they are sensitive. */
const DeclaredOutputs = z.record(z.string(), z.looseObject({ sensitive: z.boolean().optional() }));

export const TerraformPlan = z.looseObject({
  format_version: z.string().regex(/^[01]\.\d+$/, 'Sluice reads plan JSON format_version 0.1 to 1.x'),
  terraform_version: z.string().optional(),
  /** True when planning failed; the plan is incomplete and cannot be applied (format 1.2+). */
  errored: z.boolean().default(false),
  applyable: z.boolean().optional(),
  complete: z.boolean().optional(),
  resource_changes: z.array(TerraformResourceChange).default([]),
  /** Changes made outside of Terraform since the last apply (format 1.0+). */
  resource_drift: z.array(TerraformResourceChange).default([]),
  output_changes: z.record(z.string(), TerraformChange).default({}),
  /** Check results (format 1.1+); failed ones are warnings, as Terraform prints them. */
  checks: z.array(TerraformCheckResult).default([]),
  /** Actions the plan invokes (Terraform 1.14+). */
  action_invocations: z.array(TerraformActionInvocation).default([]),
  planned_values: z.looseObject({ outputs: DeclaredOutputs.optional() }).optional(),
  configuration: z.looseObject({ root_module: z.looseObject({ outputs: DeclaredOutputs.optional() }).optional() }).optional(),
});
export type TerraformPlan = z.infer<typeof TerraformPlan>;

export {
  TerraformActionFact, TerraformArtifacts, TerraformCheckFact, TerraformDriftFact, TerraformFacts, TerraformOutputFact, TerraformPlanArtifacts,
  TerraformPolicyFacts, TerraformReport, TerraformResourceFact, TerraformWarning,
} from '../../core/plans/terraform-plan.ts';
