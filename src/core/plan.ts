import type { ProjectKind } from './project.ts';
import type { PullRequestRef } from './pull-request.ts';
import type { SourceLocation } from './outcome.ts';

/** What one change in a plan does, in the vocabulary every kind shares. */
export type ChangeAction = 'create' | 'update' | 'delete' | 'replace' | 'read' | 'no-op';

export type PlanChange = {
  readonly action: ChangeAction;
  /** What is changed: a model, a resource address, a pipeline. */
  readonly address: string;
  /** Short risk marker for the first screen, e.g. `breaking`. */
  readonly risk?: 'breaking' | 'destructive' | 'none';
  /** Kind-specific detail lines, already masked (no secrets, no PII). */
  readonly detail?: readonly string[];
  /** The heading in the kind's own words, when the shared verb of `action` would misread the change. */
  readonly wording?: ChangeWording;
};

/**
 * `<subject> <verb> <address>` or `<address> <verb> <object>`: Terraform's "`aws_x.a` has moved to `aws_x.b`",
 * "`aws_x.b` will be updated in-place, moved from `aws_x.a`", "`aws_x.b` will be imported".
 */
export type ChangeWording = {
  /** Replaces the verb of `action` ("will be changed"). */
  readonly verb: string;
  /** An address named before the change's own. */
  readonly subject?: string;
  /** An address named after the verb. */
  readonly object?: string;
};

export type TestOutcome = {
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'errored' | 'skipped';
  readonly message?: string;
  readonly location?: SourceLocation;
};

export type Annotation = {
  readonly location: SourceLocation & { line: number };
  readonly level: 'notice' | 'warning' | 'failure';
  readonly title: string;
  readonly message: string;
};

export type PlanSummary = {
  /** One line for the summary table, e.g. `1 to add, 1 to change, 0 to destroy`. */
  readonly headline: string;
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
};

/** What an engine returns from `plan`: pure data, no rendering. */
export type PlanBody = {
  readonly summary: PlanSummary;
  readonly changes: readonly PlanChange[];
  readonly tests: readonly TestOutcome[];
  /** Facts policies read; JSON-serializable. */
  readonly facts: Readonly<Record<string, unknown>>;
  /** What apply needs (plan file paths and hashes, SQL statements…); JSON-serializable. */
  readonly artifacts: Readonly<Record<string, unknown>>;
  readonly annotations: readonly Annotation[];
};

/** The commit triple a plan is bound to; apply refuses a plan whose binding moved. */
export type PlanBinding = {
  readonly baseSha: string;
  readonly headSha: string;
  readonly configHash: string;
};

/** An immutable stored plan for one project of one PR. */
export type Plan = PlanBody & PlanBinding & {
  readonly id: string;
  readonly pr: PullRequestRef;
  readonly project: string;
  readonly kind: ProjectKind;
  readonly target: string;
  readonly createdAt: string;
  /** Set once the plan has been applied successfully. */
  readonly appliedAt?: string;
};

export function hasChanges(body: Pick<PlanBody, 'changes'>): boolean {
  return body.changes.some((c) => c.action !== 'no-op' && c.action !== 'read');
}

export function failedTests(body: Pick<PlanBody, 'tests'>): readonly TestOutcome[] {
  return body.tests.filter((t) => t.status === 'failed' || t.status === 'errored');
}
