import type { ApplyResult } from '../core/project-outcome.ts';
import type { Failure } from '../core/outcome.ts';
import type { Plan, PlanBody } from '../core/plan.ts';
import type { Project, ProjectKind } from '../core/project.ts';
import type { PullRequestRef } from '../core/pull-request.ts';
import type { Target } from '../config/schema.ts';

export type EngineContext = {
  readonly project: Project;
  readonly target: Target & { readonly name: string };
  readonly pr: PullRequestRef;
  /** The GitHub login (or local user) who asked for this plan or apply; recorded by engines that keep history. */
  readonly actor?: string;
  /** Working tree at the PR head, and at its base. */
  readonly headDir: string;
  readonly baseDir: string;
  /** Where the engine may write plan artifacts that apply reads back (kept until the PR closes). */
  readonly artifactDir: string;
  /** Aborted by `cancel`; engines stop promptly and leave production unchanged. */
  readonly signal: AbortSignal;
  /** Arguments after `--` in the command, already checked against the server's allowlist (an argv, never a shell string). */
  readonly extraArgs?: readonly string[];
  /** Progress for long steps ("building 3 of 5 models"); throttled by the caller. */
  readonly progress: (message: string) => void;
};

export type { ApplyResult };

/** One per project kind. Engines return data; they never render or talk to GitHub. */
export interface ProjectEngine {
  readonly kind: ProjectKind;
  plan(ctx: EngineContext): Promise<PlanBody | Failure>;
  apply(ctx: EngineContext, plan: Plan): Promise<ApplyResult | Failure>;
  /** Drops PR environments and artifacts of the PR. Idempotent. */
  cleanup(ctx: Omit<EngineContext, 'headDir' | 'baseDir' | 'progress'>): Promise<void>;
}
