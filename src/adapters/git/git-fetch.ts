import type { SimpleGit } from 'simple-git';
import { AppError } from '../../core/outcome.ts';
import { gitStep } from './git-runner.ts';
import { resolveCommit } from './git-read.ts';

export type FetchTarget = {
  readonly number: number;
  readonly headSha: string;
  readonly headRef: string;
  readonly branches: readonly string[];
};

function branchSpec(branch: string): string {
  return `+refs/heads/${branch}:refs/remotes/origin/${branch}`;
}

function fetchArgs(refspecs: readonly string[]): string[] {
  return ['fetch', '--no-tags', '--no-recurse-submodules', '--force', 'origin', ...refspecs];
}

async function tryFetch(git: SimpleGit, refspecs: readonly string[]): Promise<boolean> {
  try {
    await git.raw(fetchArgs(refspecs));
    return true;
  } catch {
    return false;
  }
}

/**
 * Fetches the base branches and the PR head. GitHub serves `refs/pull/<n>/head` (also for forks); other origins
 * (a local bare repo in tests) may not, so the head branch, then the commit itself, are tried next.
 * Succeeds only when `headSha` is present afterwards.
 */
export async function fetchPullRequest(git: SimpleGit, target: FetchTarget): Promise<void> {
  const branches = [...new Set(target.branches)].map(branchSpec);
  const pullSpec = `+refs/pull/${target.number}/head:refs/remotes/origin/pull/${target.number}/head`;
  if (!(await tryFetch(git, [...branches, pullSpec]))) {
    await gitStep('fetching base branches from origin', () => git.raw(fetchArgs(branches)));
    await tryFetch(git, [branchSpec(target.headRef)]);
  }
  if (await resolveCommit(git, target.headSha) !== undefined) return;
  await tryFetch(git, [target.headSha]);
  if (await resolveCommit(git, target.headSha) === undefined) {
    throw new AppError('git', `fetching the head of pull request ${target.number}: commit ${target.headSha} not found on origin`);
  }
}
