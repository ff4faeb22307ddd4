import type { SourceLocation } from '../core/outcome.ts';
import type { ProjectKind } from '../core/project.ts';
import type { PolicyEffect } from './policy-schema.ts';

/** Where a policy file comes from: the pack shipped with Sluice, the server's policy_paths, the repo's default branch. */
export type PolicyOrigin = 'pack' | 'server' | 'repo';

/** A policy file's text as read, or why it could not be read. */
export type PolicyText = { readonly file: string; readonly origin: PolicyOrigin; readonly text?: string; readonly readError?: string };

/** Anything that keeps policies from being evaluated; it fails the policy check (fail closed). */
export type PolicyError = {
  readonly file: string;
  readonly ruleId?: string;
  readonly project?: string;
  readonly message: string;
  readonly location?: SourceLocation;
};

/** A compiled CEL program: runs over a context, throws on evaluation errors. */
export type CelProgram = (context: Record<string, unknown>) => unknown;

export type CompiledRule = {
  readonly id: string;
  readonly description: string;
  readonly file: string;
  readonly origin: PolicyOrigin;
  readonly appliesTo: { readonly kinds: readonly ProjectKind[]; readonly projects: readonly string[]; readonly targets: readonly string[] };
  readonly effect: PolicyEffect;
  /** Static owners, roles resolved: `org/team` or logins. */
  readonly owners: readonly string[];
  readonly ownersFrom?: CelProgram;
  readonly count: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly when: CelProgram;
  /** The message split into literal text and compiled `{{ expr }}` parts. */
  readonly message: readonly (string | CelProgram)[];
};

/** The policies in force for one job, and what failed to load. */
export type PolicySet = { readonly rules: readonly CompiledRule[]; readonly errors: readonly PolicyError[] };

/** One rule triggered on one project. */
export type PolicyViolation = {
  readonly ruleId: string;
  readonly description: string;
  readonly file: string;
  readonly project: string;
  readonly effect: PolicyEffect;
  readonly message: string;
  /** Hashes of the violating items (rule + project + the facts that triggered it); approvals stick to them. */
  readonly items: readonly string[];
  /** Who may approve (`org/team` or logins); empty for warn and deny. */
  readonly owners: readonly string[];
  readonly count: number;
};

export type PolicyEvaluation = {
  readonly violations: readonly PolicyViolation[];
  readonly errors: readonly PolicyError[];
  /** How many rules were checked against how many projects, for "N rules passed". */
  readonly rulesChecked: number;
};
