import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../../core/outcome.ts';
import { prKey, type PullRequest, type PullRequestRef } from '../../core/pull-request.ts';
import type { Checkout, Workspace } from '../../ports/workspace.ts';
import { fetchPullRequest } from './git-fetch.ts';
import { assertPrNumber, assertRefName, assertSha, authEnv, remoteUrl, repoSegments } from './git-inputs.ts';
import { changedFilesBetween, listFilesAt, listFilesUnder, mergeBaseOf, readFileAt, resolveCommit } from './git-read.ts';
import { gitAt, gitStep } from './git-runner.ts';
import { createKeyedMutex } from './keyed-mutex.ts';

export type GitWorkspaceOptions = {
  /** Where checkouts live: `<rootDir>/<owner>/<repo>/pr-<n>/{head,base}`. */
  readonly rootDir: string;
  /** A git command producing no output for this long is killed (default 10 minutes). */
  readonly timeoutMs?: number;
};

type CheckoutOptions = { token?: string; defaultBranch: string };
type Dirs = { pr: string; head: string; base: string };

function dirsFor(rootDir: string, pr: PullRequestRef): Dirs {
  const [owner, name] = repoSegments(pr.repo);
  const dir = join(rootDir, owner, name, `pr-${assertPrNumber(pr.number)}`);
  return { pr: dir, head: join(dir, 'head'), base: join(dir, 'base') };
}

/** `head/` is a repository whose `origin` is the clone URL without credentials. */
async function prepareHead(dir: string, remote: string, timeoutMs: number): Promise<void> {
  const fresh = !existsSync(join(dir, '.git'));
  await mkdir(dir, { recursive: true });
  const git = gitAt(dir, { timeoutMs });
  if (fresh) await gitStep('initializing the clone', () => git.raw(['init', '--quiet']));
  await gitStep('setting the origin', () => git.raw(['config', 'remote.origin.url', remote]));
}

/** `base/` is a worktree of `head/`, so both share one object store. */
async function checkoutBase(headDir: string, baseDir: string, sha: string, timeoutMs: number): Promise<void> {
  if (existsSync(join(baseDir, '.git'))) {
    await gitStep('checking out the base', () => gitAt(baseDir, { timeoutMs }).raw(['checkout', '--quiet', '--force', '--detach', sha]));
    return;
  }
  const git = gitAt(headDir, { timeoutMs });
  await rm(baseDir, { recursive: true, force: true }); // a half-made worktree from an interrupted run
  await gitStep('adding the base worktree', async () => {
    await git.raw(['worktree', 'prune']);
    await git.raw(['worktree', 'add', '--quiet', '--force', '--detach', baseDir, sha]);
  });
}

async function checkoutPullRequest(rootDir: string, timeoutMs: number, pr: PullRequest, options: CheckoutOptions): Promise<Checkout> {
  const dirs = dirsFor(rootDir, pr);
  const remote = remoteUrl(pr.cloneUrl);
  const headSha = assertSha(pr.headSha, 'head sha');
  const baseRef = assertRefName(pr.baseRef, 'base branch');
  const defaultBranch = assertRefName(options.defaultBranch, 'default branch');
  const headRef = assertRefName(pr.headRef, 'head branch');
  await prepareHead(dirs.head, remote, timeoutMs);
  const git = gitAt(dirs.head, { timeoutMs });
  const remoteGit = gitAt(dirs.head, { timeoutMs, env: authEnv(remote, options.token) });
  await fetchPullRequest(remoteGit, { number: pr.number, headSha, headRef, branches: [defaultBranch, baseRef] });
  const baseTip = await resolveCommit(git, `refs/remotes/origin/${baseRef}`);
  const defaultTip = await resolveCommit(git, `refs/remotes/origin/${defaultBranch}`);
  const mergeBase = (baseTip === undefined ? undefined : await mergeBaseOf(git, headSha, baseTip)) ?? await resolveCommit(git, pr.baseSha);
  if (baseTip === undefined || defaultTip === undefined || mergeBase === undefined) {
    throw new AppError('git', `finding the merge base of ${headSha} and origin/${baseRef}: no common history`);
  }
  await gitStep('checking out the head', () => git.raw(['checkout', '--quiet', '--force', '--detach', headSha]));
  await checkoutBase(dirs.head, dirs.base, mergeBase, timeoutMs);
  return {
    headDir: dirs.head,
    baseDir: dirs.base,
    headSha,
    baseSha: mergeBase,
    changedFiles: await changedFilesBetween(git, mergeBase, headSha),
    undiverged: (await mergeBaseOf(git, baseTip, headSha)) === baseTip,
    readHeadFile: (path) => readFileAt(git, headSha, path),
    listHeadFiles: () => listFilesAt(git, headSha),
    // Pinned to the commit fetched now, so one job reads one version of the trusted config.
    readFromDefaultBranch: (path) => readFileAt(git, defaultTip, path),
    listDefaultBranchFiles: (dir) => listFilesUnder(git, defaultTip, dir),
  };
}

async function withContext<T>(doing: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('git', `${doing}: ${message}`, { cause: error });
  }
}

/**
 * The Workspace over git (simple-git, argv only). One clone per PR with the base as a worktree; operations on one
 * PR are serialized by a mutex owned by this instance; different PRs proceed in parallel.
 */
export function createGitWorkspace(options: GitWorkspaceOptions): Workspace {
  const rootDir = resolve(options.rootDir);
  const timeoutMs = options.timeoutMs ?? 600_000;
  const mutex = createKeyedMutex();
  return {
    checkout: (pr, checkout) => mutex.run(prKey(pr), () =>
      withContext(`checking out ${prKey(pr)}`, () => checkoutPullRequest(rootDir, timeoutMs, pr, checkout))),
    discard: (pr) => mutex.run(prKey(pr), () =>
      withContext(`discarding the checkout of ${prKey(pr)}`, () => rm(dirsFor(rootDir, pr).pr, { recursive: true, force: true }))),
  };
}
