import type { SimpleGit } from 'simple-git';
import { gitStep } from './git-runner.ts';
import { repoFilePath } from './git-inputs.ts';

function splitNul(output: string): string[] {
  return output.split('\0').filter((entry) => entry.length > 0);
}

const REGULAR_FILE = /^(100644|100755) blob ([0-9a-f]+)\t(.*)$/s;

/**
 * A regular file's text at `commit`, read from the object store (never the working tree, so symlinks in
 * PR code cannot point outside the repository); undefined when absent, a directory or a symlink.
 */
export async function readFileAt(git: SimpleGit, commit: string, path: string): Promise<string | undefined> {
  const file = repoFilePath(path);
  return gitStep(`reading ${file} at ${commit}`, async () => {
    const [entry] = splitNul(await git.raw(['ls-tree', '-z', '--full-tree', commit, '--', file]));
    const match = entry === undefined ? null : REGULAR_FILE.exec(entry);
    if (match?.[2] === undefined || match[3] !== file) return undefined;
    return git.raw(['cat-file', 'blob', match[2]]);
  });
}

/** Every tracked file at `commit`, POSIX paths relative to the root. */
export async function listFilesAt(git: SimpleGit, commit: string): Promise<string[]> {
  return gitStep(`listing files at ${commit}`, async () =>
    splitNul(await git.raw(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit])));
}

/** Tracked files under `dir` at `commit`, POSIX paths relative to the root; empty when `dir` is absent. */
export async function listFilesUnder(git: SimpleGit, commit: string, dir: string): Promise<string[]> {
  const folder = repoFilePath(dir);
  return gitStep(`listing ${folder} at ${commit}`, async () =>
    splitNul(await git.raw(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit, '--', `${folder}/`])));
}

/** Paths changed between two commits; a rename lists both the old and the new path. Sorted, unique. */
export async function changedFilesBetween(git: SimpleGit, from: string, to: string): Promise<string[]> {
  return gitStep(`diffing ${from}..${to}`, async () => {
    const output = await git.raw(['diff', '--name-only', '--no-renames', '--no-ext-diff', '-z', from, to, '--']);
    return [...new Set(splitNul(output))].sort();
  });
}

/** The commit `rev` names, or undefined when it does not exist locally. */
export async function resolveCommit(git: SimpleGit, rev: string): Promise<string | undefined> {
  try {
    const sha = (await git.raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])).trim();
    return sha === '' ? undefined : sha;
  } catch {
    return undefined;
  }
}

/** The merge base of two commits, or undefined when they share no history. */
export async function mergeBaseOf(git: SimpleGit, a: string, b: string): Promise<string | undefined> {
  try {
    const sha = (await git.raw(['merge-base', a, b])).trim();
    return sha === '' ? undefined : sha;
  } catch {
    return undefined;
  }
}
