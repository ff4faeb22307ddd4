import type { Lock } from '../core/lock.ts';
import type { Failure } from '../core/outcome.ts';
import type { Plan } from '../core/plan.ts';
import type { ProjectKind } from '../core/project.ts';
import type { ProjectStatus } from '../core/project-outcome.ts';
import type { ApplyResult } from '../ports/project-engine.ts';

/** Where one project stands in the PR (`planned`, `no-changes`, `failed`, `locked-elsewhere`, `applied`, …). */
export type { ProjectStatus };

/** The PR holding a project's lock, and who planned it when. */
export type LockHolder = Pick<Lock, 'pr' | 'user' | 'acquiredAt'>;

/** What apply did: the engine's result and how long it took. */
export type ApplyOutcome = ApplyResult & { readonly durationMs: number };

export type ProjectView = {
  readonly name: string;
  readonly kind: ProjectKind;
  readonly target: string;
  readonly status: ProjectStatus;
  /** The stored plan, when there is one (planned, no-changes, applied, apply-failed). */
  readonly plan?: Plan;
  /** Why it failed (failed, apply-failed; optional for interrupted and cancelled). */
  readonly failure?: Failure;
  /** The other PR holding the lock (locked-elsewhere). */
  readonly lockHolder?: LockHolder;
  /** One line from policy evaluation, e.g. `⚠️ needs @acme/analytics-owners`; undefined until policies run. */
  readonly policy?: string;
  /** What ran (applied; what ran before the failure for apply-failed). */
  readonly apply?: ApplyOutcome;
  /** For apply-failed: true when the engine knows production was left unchanged, false when it may be partly changed. */
  readonly productionUnchanged?: boolean;
};

/** One apply requirement (`approved`, `mergeable`, policy approval…) and whether it holds. */
export type Requirement = {
  readonly name: string;
  readonly met: boolean;
  /** What is missing and who can satisfy it, e.g. `1 approval from @acme/platform`. */
  readonly detail: string;
};

/** One policy rule triggered on one project. */
export type PolicyRowView = {
  readonly project: string;
  readonly ruleId: string;
  readonly effect: 'warn' | 'require_approval' | 'deny';
  /** `warn`, `denied`, `pending` (approvals missing) or `approved`. */
  readonly status: 'warn' | 'denied' | 'pending' | 'approved';
  readonly message: string;
  /** Who may approve: `org/team`, logins, or an undefined `role:<name>`. */
  readonly owners: readonly string[];
  readonly approvedBy: readonly string[];
  readonly count: number;
  readonly missing: number;
};

/** The policy outcome of the PR: what the rules found, what failed to evaluate, and edited policy files. */
export type PolicyView = {
  readonly rows: readonly PolicyRowView[];
  /** Each error already described: `file:line (rule r, project p): message`. */
  readonly errors: readonly string[];
  readonly rulesChecked: number;
  /** Policy files this PR edits: judged by the default branch's version; they apply after merge. */
  readonly changedPolicyFiles: readonly string[];
};

export type SummaryView = {
  readonly headSha: string;
  readonly projects: readonly ProjectView[];
  readonly requirements: readonly Requirement[];
  /** This PR holds the locks of its planned projects. */
  readonly holdsLocks: boolean;
  /** The bot's command word, e.g. `sluice`, for `formatCommand`. */
  readonly commandName: string;
  /** ISO time of rendering; relative times ("2 h ago") are computed from it. */
  readonly now: string;
  /** Absent until policies run (and in views rendered without them). */
  readonly policy?: PolicyView;
};

/** One project's check run. */
export type CheckRunView = {
  readonly project: ProjectView;
  readonly commandName: string;
  readonly now: string;
};
