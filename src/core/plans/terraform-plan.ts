/**
 * A `terraform` or `cdktf` plan's payload (cdktf shares terraform's facts and report): the facts the engine
 * records (`TerraformFacts`) and policies read (`TerraformPolicyFacts`), the report render displays
 * (`TerraformReport`) and the artifacts apply needs (`TerraformArtifacts`, `CdktfArtifacts`).
 */
import { z } from 'zod';
import { ChangeAction } from './plan-parts.ts';

/** One step of an attribute path, e.g. `["tags", "owner"]` or `["rule", 0]`. */
export const PathStep = z.union([z.string(), z.number()]);

// ---------------------------------------------------------------- facts for policies

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
  action: ChangeAction,
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

/** The facts of a terraform (or CDKTF stack) plan, as the engine records them. */
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
  blocks: z.array(z.object({ address: z.string(), kind: z.string(), action: ChangeAction })).optional(),
  warnings: z.array(TerraformWarning).optional(),
});
export type TerraformFacts = z.infer<typeof TerraformFacts>;

/**
 * The facts of a `terraform` or `cdktf` plan, as policies read them: the terraform engine's own
 * `TerraformFacts` (above, reused, not redefined), with the lists defaulting to
 * empty so that a plan without resources evaluates to "nothing to check" instead of a missing key.
 */
export const TerraformPolicyFacts = TerraformFacts.partial().extend({
  resources: z.array(TerraformResourceFact).default([]),
  drift: TerraformFacts.shape.drift.default([]),
  outputs: TerraformFacts.shape.outputs.default([]),
  checks: TerraformFacts.shape.checks.unwrap().default([]),
  actions: TerraformFacts.shape.actions.unwrap().default([]),
  blocks: TerraformFacts.shape.blocks.unwrap().default([]),
}).loose().describe('Facts of a terraform or cdktf project plan (TerraformFacts of the terraform engine).');
export type TerraformPolicyFacts = z.infer<typeof TerraformPolicyFacts>;


// ---------------------------------------------------------------- report for render

/** What render shows of a terraform or cdktf plan besides its changes: warnings, the config-diff note, failed checks, drift. */
export const TerraformReport = z.object({
  /** `config-diff` plans get the not-state-aware note. */
  mode: TerraformFacts.shape.mode,
  /** The CDKTF stacks of the plan, in apply order (empty for a terraform module). */
  stacks: z.array(z.string()),
  warnings: z.array(TerraformWarning),
  checks: z.array(TerraformCheckFact),
  /** In a plan of several stacks, each entry's `stack` prefixes its address. */
  drift: z.array(TerraformDriftFact),
});
export type TerraformReport = z.infer<typeof TerraformReport>;

// ---------------------------------------------------------------- artifacts apply reads back

/** The artifacts of a terraform plan made with a binary: the saved plan file and what it was planned from. */
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

/** The artifacts of a terraform plan: a saved plan file, or a configuration diff (which cannot be applied). */
export const TerraformArtifacts = z.discriminatedUnion('mode', [
  TerraformPlanArtifacts,
  z.object({ mode: z.literal('config-diff') }),
]);
export type TerraformArtifacts = z.infer<typeof TerraformArtifacts>;

// ---------------------------------------------------------------- cdktf artifacts

/** What apply needs of one stack planned by the terraform runner: its folders and the terraform helper's saved plan. */
export const StackArtifact = z.object({
  stack: z.string(),
  /** The synthesized stack at head (the Terraform working directory) and at base (hashed to detect moves). */
  workingDirectory: z.string(),
  baseWorkingDirectory: z.string(),
  /** Whether the stack's plan changes anything; stacks without changes are not applied. */
  hasChanges: z.boolean(),
  plan: TerraformPlanArtifacts,
});
export type StackArtifact = z.infer<typeof StackArtifact>;

/** The artifacts of a cdktf plan: a configuration diff (not appliable) or saved plans per stack, in apply order. */
export const CdktfArtifacts = z.discriminatedUnion('mode', [
  z.object({ engine: z.literal('cdktf'), mode: z.literal('config-diff'), headInputsHash: z.string(), baseInputsHash: z.string().optional() }),
  z.object({ engine: z.literal('cdktf'), mode: z.literal('plan'), headInputsHash: z.string(), binary: z.string(), stacks: z.array(StackArtifact) }),
]);
export type CdktfArtifacts = z.infer<typeof CdktfArtifacts>;
