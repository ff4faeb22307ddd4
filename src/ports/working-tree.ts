import type { Result } from '../core/outcome.ts';

/** A commit the working tree is compared with: the ref as given (`main`, `none`, …) and what it resolved to. */
export type BaseCommit = { readonly ref: string; readonly sha: string };

/**
 * The local checkout `sluice` runs in, as git sees it: the working tree (uncommitted and untracked changes
 * included) is the head; a base commit, extracted to its own folder, is what production was built from.
 * Failures are `git_failed` (git refused) or `io_failed` (a file could not be read or written).
 */
export interface WorkingTree {
  /** The top of the checkout. */
  readonly root: string;
  /** `ref` (`none`: the empty tree), else the merge base with origin/HEAD, main or master, else HEAD. */
  resolveBase(ref: string | undefined): Result<BaseCommit>;
  /** Files that differ between `sha` and the working tree, tracked and untracked, sorted. */
  changedFiles(sha: string): Result<string[]>;
  /** The base commit's tree in a folder of its own, extracted once per commit. */
  materializeBase(sha: string, now: Date): Result<string>;
  /** HEAD, and whether the working tree has changes on top of it. */
  head(): { readonly headSha: string; readonly dirty: boolean };
  /** A hash of every tracked and untracked file's path and content: binds a plan to the tree it was made of. */
  hash(): Result<string>;
  /** The regular files under `dir` at commit `sha`, read from git's object store (`text` absent for a link). */
  readFilesAt(sha: string, dir: string): Result<{ path: string; text?: string }[]>;
  /** A file's text in the working tree, or undefined when absent. */
  readFile(path: string): string | undefined;
  /** Files directly in `dir` whose names match, with repo-relative paths and their text. */
  listFiles(dir: string, pattern: RegExp): { path: string; text: string }[];
}
