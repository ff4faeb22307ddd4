import type { LockAttempt } from '../core/lock.ts';
import type { Failure } from '../core/outcome.ts';
import type { Plan } from '../core/plan.ts';
import type { Project } from '../core/project.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { PullRequestRef } from '../core/pull-request.ts';

/** The commits one run works on: checked-out trees of the head and the base. */
export type RunCheckout = {
  readonly headDir: string;
  readonly baseDir: string;
  readonly headSha: string;
  readonly baseSha: string;
};

/** How one project's run is shown while it runs (a check run, or a line on the terminal). */
export type ProjectReport = {
  /** The project's work starts now. */
  begin(title: string): void;
  /** Progress of a long step ("building 3 of 5 models"); the reporter throttles. */
  progress(message: string): void;
  /** The project's result; nothing is shown for it afterwards. */
  complete(outcome: ProjectOutcome): Promise<void>;
};

/** What apply records in the audit log around each project. */
export type ApplyAuditAction = 'apply_started' | 'apply_succeeded' | 'apply_failed';

/**
 * Where one plan or apply runs: the checkout it reads (a pull request's commits, or the local working tree
 * against its base), where plans are kept (the state store, or `.sluice/plan.json`), what is locked, and who
 * is told (check runs on GitHub, or the terminal). The per-project loop (`services/plan-projects.ts`,
 * `services/apply-projects.ts`) is the same for the App and the CLI; only this context differs.
 */
export interface ExecutionContext {
  /** The pull request, or the local stand-in (`local/<dir>#0`). */
  readonly pr: PullRequestRef;
  /** Who asked: a GitHub login; absent for a local run. */
  readonly actor?: string;
  readonly checkout: RunCheckout;
  /** Binds plans to the configuration they were made with. */
  readonly configHash: string;
  /** Aborted by `cancel` (or Ctrl-C locally): engines stop promptly and leave production unchanged. */
  readonly signal: AbortSignal;
  /** Arguments after `--`, already checked against the server's allowlist. */
  readonly extraArgs: readonly string[];
  /** Where the engine keeps the project's plan artifacts until apply. */
  artifactDir(project: Project): string;
  /** Locks the project to this run's pull request (a local run locks nothing). */
  lock(project: Project): Promise<LockAttempt>;
  /**
   * Why this context may not apply the project, checked just before it would (a local run refuses targets
   * with `allow_local_apply: false`); the App decides everything up front in its apply guard.
   */
  refusal(project: Project): Failure | undefined;
  /** Keeps a plan for apply. */
  keep(plan: Plan): Promise<void>;
  /** Records that a plan was applied. */
  markApplied(plan: Plan, at: string): Promise<void>;
  /** Appends to the audit log (a local run keeps none). */
  audit(action: ApplyAuditAction, detail: Readonly<Record<string, unknown>>): Promise<void>;
  /** Starts showing one project's run. */
  track(project: Project, command: 'plan' | 'apply'): Promise<ProjectReport>;
}
