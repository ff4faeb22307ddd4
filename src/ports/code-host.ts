import type { PullRequest, PullRequestRef } from '../core/pull-request.ts';
import type { Annotation } from '../core/plan.ts';

export type CheckStatus = 'queued' | 'in_progress' | 'completed';
export type CheckConclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'action_required' | 'skipped';

export type CheckRunAction = { readonly label: string; readonly description: string; readonly identifier: string };

export type CheckRunUpdate = {
  readonly status: CheckStatus;
  readonly conclusion?: CheckConclusion;
  readonly title?: string;
  readonly summary?: string;
  readonly text?: string;
  readonly annotations?: readonly Annotation[];
  readonly actions?: readonly CheckRunAction[];
};

/** A check run as listed on a commit: enough to find Sluice's own runs left open. */
export type CheckRunInfo = { readonly id: number; readonly name: string; readonly status: CheckStatus; readonly externalId?: string };

export type CommitState = 'pending' | 'success' | 'failure' | 'error';

export type Review = { readonly user: string; readonly state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING'; readonly commitId: string };

export type Mergeability = {
  /** GitHub's `mergeable_state`: clean, unstable, has_hooks, blocked, behind, dirty, draft, unknown. */
  readonly state: string;
  /** True when the only things blocking the merge are Sluice's own checks. */
  readonly mergeableIgnoringSluice: boolean;
};

export type Reaction = 'eyes' | 'rocket' | 'confused' | '+1' | '-1';

/**
 * Everything Sluice asks of GitHub. One adapter per code host; in-memory fake for service tests.
 * Every method is one narrowly typed API use; callers never see Octokit.
 */
export interface CodeHost {
  getPullRequest(pr: PullRequestRef): Promise<PullRequest>;
  /**
   * Posts or edits the sticky comment(s) for `marker`, a part longer than the host allows split into several;
   * `knownIds` are the ids stored last time. Returns the ids now used.
   */
  upsertStickyComment(
    pr: PullRequestRef,
    options: { marker: string; parts: readonly string[]; knownIds: readonly number[]; /** Only comments by this login are adopted (the bot). */ author?: string;
      /** False when no sticky comment can exist yet (a PR just opened): skips listing the PR's comments. */ searchExisting?: boolean;
    },
  ): Promise<number[]>;
  /** A new comment, e.g. a reply to a command. */
  postComment(pr: PullRequestRef, body: string): Promise<number>;
  react(pr: PullRequestRef, commentId: number, reaction: Reaction): Promise<void>;
  createCheckRun(repo: string, options: { name: string; headSha: string; externalId: string } & CheckRunUpdate): Promise<number>;
  updateCheckRun(repo: string, checkRunId: number, update: CheckRunUpdate): Promise<void>;
  /** The latest check run of each name on a commit (every app's). */
  listCheckRuns(repo: string, headSha: string): Promise<CheckRunInfo[]>;
  setCommitStatus(repo: string, sha: string, options: { context: string; state: CommitState; description: string; targetUrl?: string }): Promise<void>;
  listReviews(pr: PullRequestRef): Promise<Review[]>;
  isTeamMember(options: { org: string; team: string; user: string }): Promise<boolean>;
  getMergeability(pr: PullRequestRef, options: { headSha: string; ownContexts: readonly string[] }): Promise<Mergeability>;
  merge(pr: PullRequestRef, options: { sha: string; method: 'merge' | 'squash' | 'rebase' }): Promise<void>;
}
