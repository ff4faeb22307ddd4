/**
 * An in-memory Workspace for service tests: each PR's checkout is built from plain maps of path → text
 * (head, base, default branch) that the test gives. Nothing touches disk: `headDir` and `baseDir` are given
 * strings, for engines that are fakes too. Paths are validated as the git workspace does (a leading `./` is
 * dropped; `..`, empty segments and control characters throw an `AppError('git')`).
 */
import { repoFilePath } from '../../src/adapters/git/git-inputs.ts';
import { AppError } from '../../src/core/outcome.ts';
import { prKey, type PullRequest, type PullRequestRef } from '../../src/core/pull-request.ts';
import type { Checkout, Workspace } from '../../src/ports/workspace.ts';

/** Files of one PR, POSIX paths relative to the repository root → text. */
export type InMemoryPullRequestFiles = {
  head: Readonly<Record<string, string>>;
  /** The merge base's files: `changedFiles` is computed from `base` against `head`. */
  base: Readonly<Record<string, string>>;
  /** The default branch's files (trusted config, repo policies). */
  defaultBranch: Readonly<Record<string, string>>;
  /** Whether the head contains the base branch's latest commit; default true. */
  undiverged?: boolean;
  /** Default `/in-memory-workspace/<owner>/<repo>/pr-<n>/head` (never created). */
  headDir?: string;
  /** Default `/in-memory-workspace/<owner>/<repo>/pr-<n>/base` (never created). */
  baseDir?: string;
};

export type WorkspaceCall =
  | { readonly method: 'checkout'; readonly pr: PullRequest; readonly options: { readonly token?: string; readonly defaultBranch: string } }
  | { readonly method: 'discard'; readonly pr: PullRequestRef };

export type InMemoryWorkspace = Workspace & {
  /** Every call, in order, with the arguments as they arrived. */
  readonly calls: WorkspaceCall[];
  /** Files per PR, keyed by `prKey` (`owner/repo#n`); edit an entry to change what the next checkout sees. */
  readonly files: Map<string, InMemoryPullRequestFiles>;
  /** Sets (or replaces) the files of a PR. */
  setFiles(pr: PullRequestRef, files: InMemoryPullRequestFiles): void;
};

/**
 * A Workspace whose checkouts answer from `files`. A checkout pins a copy of the PR's maps, as a git checkout
 * pins commits; checking out a PR without files throws an `AppError('git')`, like a failed fetch.
 */
export function createInMemoryWorkspace(files: Readonly<Record<string, InMemoryPullRequestFiles>> = {}): InMemoryWorkspace {
  const workspace: InMemoryWorkspace = {
    calls: [],
    files: new Map(Object.entries(files)),
    setFiles: (pr, prFiles) => {
      workspace.files.set(prKey(pr), prFiles);
    },
    async checkout(pr, options) {
      workspace.calls.push({ method: 'checkout', pr, options });
      const prFiles = workspace.files.get(prKey(pr));
      if (prFiles === undefined) throw new AppError('git', `checking out ${prKey(pr)}: the in-memory workspace has no files for it`);
      return inMemoryCheckout(pr, prFiles);
    },
    async discard(pr) {
      workspace.calls.push({ method: 'discard', pr });
    },
  };
  return workspace;
}

/** A Checkout over copies of the given maps. */
export function inMemoryCheckout(pr: Pick<PullRequest, 'repo' | 'number' | 'headSha' | 'baseSha'>, files: InMemoryPullRequestFiles): Checkout {
  const head = new Map(Object.entries(files.head));
  const base = new Map(Object.entries(files.base));
  const defaultBranch = new Map(Object.entries(files.defaultBranch));
  const root = `/in-memory-workspace/${pr.repo}/pr-${pr.number}`;
  return {
    headDir: files.headDir ?? `${root}/head`,
    baseDir: files.baseDir ?? `${root}/base`,
    headSha: pr.headSha,
    baseSha: pr.baseSha,
    changedFiles: changedFiles(base, head),
    undiverged: files.undiverged ?? true,
    readHeadFile: async (path) => head.get(repoFilePath(path)),
    listHeadFiles: async () => sorted(head.keys()),
    readFromDefaultBranch: async (path) => defaultBranch.get(repoFilePath(path)),
    listDefaultBranchFiles: async (dir) => {
      const folder = `${repoFilePath(dir)}/`;
      return sorted(defaultBranch.keys()).filter((path) => path.startsWith(folder));
    },
  };
}

/** Paths added, modified or deleted between base and head; sorted, as `git diff --name-only` is. */
function changedFiles(base: ReadonlyMap<string, string>, head: ReadonlyMap<string, string>): string[] {
  return sorted(new Set([...base.keys(), ...head.keys()])).filter((path) => base.get(path) !== head.get(path));
}

function sorted(paths: Iterable<string>): string[] {
  return [...paths].sort();
}
