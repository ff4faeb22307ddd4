import type { PullRequest, PullRequestRef } from '../core/pull-request.ts';

/** Working trees of one PR: the head and the base commit, plus what changed between them. */
export type Checkout = {
  /** Working tree at the PR head. */
  readonly headDir: string;
  /** Working tree at the merge base of the PR (what production was built from). */
  readonly baseDir: string;
  readonly headSha: string;
  readonly baseSha: string;
  /** Files changed between the merge base and the head (POSIX paths relative to the repo root). */
  readonly changedFiles: readonly string[];
  /** A file's text at the PR head, or undefined when absent. */
  readHeadFile(path: string): Promise<string | undefined>;
  /** Every tracked file at the PR head (for project discovery). */
  listHeadFiles(): Promise<string[]>;
  /** A file's text on the repository's default branch (trusted config), or undefined when absent. */
  readFromDefaultBranch(path: string): Promise<string | undefined>;
  /** Tracked files under `dir` on the default branch (same pinned commit), POSIX paths relative to the root. */
  listDefaultBranchFiles(dir: string): Promise<string[]>;
  /** Whether the PR head contains the latest commit of its base branch. */
  readonly undiverged: boolean;
};

export interface Workspace {
  /**
   * Clones or fetches the PR's repository (payload `clone_url`, authenticated with `token`), and checks out
   * head and base. Serialized per PR.
   */
  checkout(pr: PullRequest, options: { token?: string; defaultBranch: string }): Promise<Checkout>;
  /** Removes the PR's working trees. */
  discard(pr: PullRequestRef): Promise<void>;
}
