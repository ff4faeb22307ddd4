/**
 * The parts every plan has, whatever its kind: summary, changes, tests, annotations, and the binding and
 * identity of a stored plan. zod schemas, so a stored plan is parsed, never cast; the types are inferred.
 */
import { z } from 'zod';
import type { SourceLocation as SourceLocationType } from '../outcome.ts';

export const SourceLocation = z.object({
  file: z.string(),
  line: z.number().optional(),
  column: z.number().optional(),
  endLine: z.number().optional(),
});
/** `SourceLocation` of core/outcome.ts, checked to be the same shape. */
const _sameLocation: z.ZodType<SourceLocationType, SourceLocationType> = SourceLocation;

/** What one change in a plan does, in the vocabulary every kind shares. */
export const ChangeAction = z.enum(['create', 'update', 'delete', 'replace', 'read', 'no-op']);
export type ChangeAction = z.infer<typeof ChangeAction>;

/**
 * `<subject> <verb> <address>` or `<address> <verb> <object>`: Terraform's "`aws_x.a` has moved to `aws_x.b`",
 * "`aws_x.b` will be updated in-place, moved from `aws_x.a`", "`aws_x.b` will be imported".
 */
export const ChangeWording = z.object({
  /** Replaces the verb of `action` ("will be changed"). */
  verb: z.string(),
  /** An address named before the change's own. */
  subject: z.string().optional(),
  /** An address named after the verb. */
  object: z.string().optional(),
}).readonly();
export type ChangeWording = z.infer<typeof ChangeWording>;

export const PlanChange = z.object({
  action: ChangeAction,
  /** What is changed: a model, a resource address, a pipeline. */
  address: z.string(),
  /** Short risk marker for the first screen, e.g. `breaking`. */
  risk: z.enum(['breaking', 'destructive', 'none']).optional(),
  /** Kind-specific detail lines, already masked (no secrets, no PII). */
  detail: z.array(z.string()).readonly().optional(),
  /** The heading in the kind's own words, when the shared verb of `action` would misread the change. */
  wording: ChangeWording.optional(),
}).readonly();
export type PlanChange = z.infer<typeof PlanChange>;

export const TestOutcome = z.object({
  name: z.string(),
  status: z.enum(['passed', 'failed', 'errored', 'skipped']),
  message: z.string().optional(),
  location: SourceLocation.optional(),
}).readonly();
export type TestOutcome = z.infer<typeof TestOutcome>;

export const Annotation = z.object({
  location: SourceLocation.extend({ line: z.number() }),
  level: z.enum(['notice', 'warning', 'failure']),
  title: z.string(),
  message: z.string(),
}).readonly();
export type Annotation = z.infer<typeof Annotation>;

export const PlanSummary = z.object({
  /** One line for the summary table, e.g. `1 to add, 1 to change, 0 to destroy`. */
  headline: z.string(),
  add: z.number(),
  change: z.number(),
  destroy: z.number(),
}).readonly();
export type PlanSummary = z.infer<typeof PlanSummary>;

/** What every kind's plan body has besides its facts, report and artifacts. */
export const PLAN_BODY_PARTS = {
  summary: PlanSummary,
  changes: z.array(PlanChange).readonly(),
  tests: z.array(TestOutcome).readonly(),
  annotations: z.array(Annotation).readonly(),
};

/** The commit triple a plan is bound to; apply refuses a plan whose binding moved. */
export const PlanBinding = z.object({
  baseSha: z.string(),
  headSha: z.string(),
  configHash: z.string(),
}).readonly();
export type PlanBinding = z.infer<typeof PlanBinding>;

/** Who and what a stored plan is for, and when it was made (and applied). */
export const PLAN_IDENTITY_PARTS = {
  ...PlanBinding.unwrap().shape,
  id: z.string(),
  pr: z.object({ repo: z.string(), number: z.number().int() }).readonly(),
  project: z.string(),
  target: z.string(),
  createdAt: z.string(),
  /** Set once the plan has been applied successfully. */
  appliedAt: z.string().optional(),
};
