import { z } from 'zod';

/**
 * zod schemas for `terraform show -json <planfile>` (every `format_version` from 0.1 to 1.x) and for the
 * facts the terraform engine hands to policies. Plan schemas are loose: unknown fields pass through, and
 * fields added in later versions (`replace_paths`, `action_reason`, `importing`, `resource_drift`,
 * `errored`…) are optional.
 */

const PathStep = z.union([z.string(), z.number()]);

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

// ---------------------------------------------------------------- facts for policies

const ChangeActionSchema = z.enum(['create', 'update', 'delete', 'replace', 'read', 'no-op']);

/** One resource as policies see it; `before`/`after` are masked (`(sensitive value)`, `(known after apply)`). */
export const TerraformResourceFact = z.object({
  address: z.string(),
  type: z.string(),
  name: z.string(),
  mode: z.string(),
  provider: z.string(),
  module: z.string().optional(),
  /** Terraform's own actions, e.g. `["delete", "create"]`. */
  actions: z.array(z.string()),
  action: ChangeActionSchema,
  replace: z.boolean(),
  replacePaths: z.array(z.array(PathStep)),
  reason: z.string().optional(),
  previousAddress: z.string().optional(),
  importId: z.string().optional(),
  before: z.unknown(),
  after: z.unknown(),
  tags: z.record(z.string(), z.string()),
  project: z.string(),
  stack: z.string().optional(),
});
export type TerraformResourceFact = z.infer<typeof TerraformResourceFact>;

/** A change made outside of Terraform, with the masked attribute diff the renderer shows. */
export const TerraformDriftFact = TerraformResourceFact.extend({ detail: z.array(z.string()) });
export type TerraformDriftFact = z.infer<typeof TerraformDriftFact>;

export const TerraformOutputFact = z.object({
  name: z.string(),
  actions: z.array(z.string()),
  sensitive: z.boolean(),
  before: z.unknown(),
  after: z.unknown(),
});
export type TerraformOutputFact = z.infer<typeof TerraformOutputFact>;

/** A check that failed (`fail`) or could not be evaluated (`error`), one per checked object. */
export const TerraformCheckFact = z.object({
  address: z.string(),
  /** `check`, `resource`, `output_value` or `var`. */
  kind: z.string(),
  status: z.enum(['fail', 'error']),
  problems: z.array(z.string()),
});
export type TerraformCheckFact = z.infer<typeof TerraformCheckFact>;

/** An action the plan invokes; `config` masked. */
export const TerraformActionFact = z.object({
  address: z.string(),
  type: z.string(),
  provider: z.string(),
  /** The resource whose lifecycle triggers it, and when (`AfterCreate`…); absent for `-invoke`. */
  triggeredBy: z.object({ address: z.string(), event: z.string() }).optional(),
  config: z.unknown(),
});
export type TerraformActionFact = z.infer<typeof TerraformActionFact>;

/**
 * Something the reviewer must know about how the plan was made: state kept in a local backend (apply is
 * refused), or CDKTF synth that ran without its sandbox.
 */
export const TerraformWarning = z.object({
  kind: z.enum(['local-state', 'unsandboxed-synth']),
  /** The stack or module concerned, when it is one of several. */
  where: z.string().optional(),
  message: z.string(),
});
export type TerraformWarning = z.infer<typeof TerraformWarning>;

/** `PlanBody.facts` of a terraform (or CDKTF stack) plan. */
export const TerraformFacts = z.object({
  engine: z.literal('terraform'),
  /** `plan`: from `terraform show -json`; `config-diff`: base vs head configuration, not state-aware. */
  mode: z.enum(['plan', 'config-diff']),
  stateAware: z.boolean(),
  project: z.string(),
  stack: z.string().optional(),
  formatVersion: z.string().optional(),
  terraformVersion: z.string().optional(),
  errored: z.boolean(),
  /** Every resource that changes (plain no-ops are left out). */
  resources: z.array(TerraformResourceFact),
  drift: z.array(TerraformDriftFact),
  outputs: z.array(TerraformOutputFact),
  /** Failed checks: warnings, the plan can still be applied. */
  checks: z.array(TerraformCheckFact).optional(),
  actions: z.array(TerraformActionFact).optional(),
  /**
   * Configuration blocks other than resources and modules that a configuration diff found changed:
   * providers, `terraform` settings, data sources, outputs, locals, variables.
   */
  blocks: z.array(z.object({ address: z.string(), kind: z.string(), action: ChangeActionSchema })).optional(),
  warnings: z.array(TerraformWarning).optional(),
});
export type TerraformFacts = z.infer<typeof TerraformFacts>;

// ---------------------------------------------------------------- artifacts apply reads back

/** `PlanBody.artifacts` of a plan made with a binary: the saved plan file and what it was planned from. */
export const TerraformPlanArtifacts = z.object({
  mode: z.literal('plan'),
  binary: z.string(),
  planFile: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  dataDir: z.string(),
  /** sha256 of the module's Terraform files at head and at base when planned. */
  sources: z.object({ head: z.string(), base: z.string() }),
});
export type TerraformPlanArtifacts = z.infer<typeof TerraformPlanArtifacts>;
