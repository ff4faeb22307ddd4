import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { failure, ok, type Result } from '../../core/outcome.ts';
import type { BaseCommit, WorkingTree } from '../../ports/working-tree.ts';
import { pruneBaseTrees } from './prune-base-trees.ts';

/** Git's empty tree: `--base none` plans everything in the working tree as new. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** Runs git in `dir` (an argument vector, never a shell); stdout trimmed, or a `git_failed` Failure with git's stderr. */
export function git(dir: string, args: readonly string[]): Result<string> {
  const run = spawnSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) return failure('git_failed', `running git ${args[0]}: ${run.error.message}`);
  if (run.status !== 0) return failure('git_failed', `git ${args.join(' ')}: ${run.stderr.trim() || `exit ${run.status}`}`);
  return ok(run.stdout.trim());
}

/** The top of the git checkout containing `dir`. */
export function findRepoRoot(dir: string): Result<string> {
  const root = git(dir, ['rev-parse', '--show-toplevel']);
  return root.ok ? root : failure('git_failed', `${dir} is not inside a git checkout`, { hint: 'Run sluice in a git repository with a sluice.yaml.' });
}

/**
 * The working tree of the checkout at `root`, with base trees extracted under `<dataDir>/base/<sha>`: each use
 * marks its tree as used (its mtime), and trees beyond the few most recently used are pruned (never the one in use).
 */
export function localWorkingTree(root: string, dataDir: string): WorkingTree {
  return {
    root,
    resolveBase: (ref) => resolveBase(root, ref),
    changedFiles: (sha) => changedFiles(root, sha),
    materializeBase: (sha, now) => materializeBase(root, dataDir, sha, { now }),
    head: () => workingTreeHead(root),
    hash: () => hashWorkingTree(root),
    readFilesAt: (sha, dir) => readFilesAt(root, sha, dir),
    readFile: (path) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined),
    listFiles: (dir, pattern) => listFilesUnder(root, dir, pattern),
  };
}

function resolveBase(root: string, ref: string | undefined): Result<BaseCommit> {
  if (ref === 'none') return ok({ ref, sha: EMPTY_TREE });
  if (ref !== undefined) {
    const sha = git(root, ['rev-parse', '--verify', `${ref}^{commit}`]);
    return sha.ok ? ok({ ref, sha: sha.value }) : failure('git_failed', `resolving the base ref ${ref}: no such commit`);
  }
  for (const candidate of ['origin/HEAD', 'main', 'master']) {
    const sha = git(root, ['merge-base', 'HEAD', candidate]);
    if (sha.ok && sha.value !== '') return ok({ ref: candidate, sha: sha.value });
  }
  const head = git(root, ['rev-parse', 'HEAD']);
  return head.ok ? ok({ ref: 'HEAD', sha: head.value }) : failure('git_failed', 'resolving the base: the repository has no commits; pass --base none');
}

function workingTreeHead(root: string): { headSha: string; dirty: boolean } {
  const head = git(root, ['rev-parse', 'HEAD']);
  const headSha = head.ok ? head.value : EMPTY_TREE;
  const uncommitted = changedFiles(root, headSha);
  return { headSha, dirty: !uncommitted.ok || uncommitted.value.length > 0 };
}

/** The base commit's tree under `<dataDir>/base/<sha>` (git archive | tar), then the old trees pruned. */
export function materializeBase(root: string, dataDir: string, sha: string, options: { now?: Date } = {}): Result<string> {
  const dir = join(dataDir, 'base', sha);
  const now = options.now ?? new Date();
  if (!(existsSync(dir) && touched(dir, now))) {
    const extracted = extractTree(root, dir, sha);
    if (extracted !== undefined) return extracted;
    touched(dir, now);
  }
  pruneBaseTrees(join(dataDir, 'base'), { inUse: sha, now });
  return ok(dir);
}

function extractTree(root: string, dir: string, sha: string): ReturnType<typeof failure> | undefined {
  const partial = `${dir}.${process.pid}.partial`; // per process: two runs extracting one commit do not collide
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const problem = sha === EMPTY_TREE ? undefined : unpack(root, sha, partial);
  if (problem !== undefined) {
    rmSync(partial, { recursive: true, force: true });
    return failure('git_failed', `extracting the base ${sha.slice(0, 7)}: ${problem}`);
  }
  try {
    renameSync(partial, dir);
  } catch (error) {
    // Another run extracted the same commit meanwhile: use its tree.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(dir)) return failure('io_failed', `extracting the base ${sha.slice(0, 7)}: ${(error as Error).message}`);
  }
  return undefined;
}

/** `git archive <sha> | tar -x -C <into>`; what went wrong, or undefined. */
function unpack(root: string, sha: string, into: string): string | undefined {
  const archive = spawnSync('git', ['archive', '--format=tar', sha], { cwd: root, maxBuffer: 1024 * 1024 * 1024 });
  if (archive.status !== 0) return archive.stderr?.toString().trim() || archive.error?.message || `git archive exited ${archive.status}`;
  const tar = spawnSync('tar', ['-x', '-C', into], { input: archive.stdout });
  if (tar.status !== 0) return tar.stderr?.toString().trim() || tar.error?.message || `tar exited ${tar.status}`;
  return undefined;
}

/** Marks `dir` as used now; false when it is gone (pruned meanwhile by another run). */
function touched(dir: string, now: Date): boolean {
  try {
    utimesSync(dir, now, now);
    return true;
  } catch {
    return false;
  }
}

const TREE_ENTRY = /^(\d{6}) (\w+) ([0-9a-f]+)\t(.*)$/s;

/** The files under `dir` in commit `sha`, read from the object store (never a working tree), like the server reads the default branch. */
function readFilesAt(root: string, sha: string, dir: string): Result<{ path: string; text?: string }[]> {
  if (sha === EMPTY_TREE) return ok([]);
  const listed = spawnSync('git', ['ls-tree', '-r', '-z', '--full-tree', sha, '--', `${dir}/`], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (listed.status !== 0) return failure('git_failed', `listing ${dir} at ${sha.slice(0, 7)}: ${listed.stderr.trim() || listed.error?.message || `exit ${listed.status}`}`);
  const files: { path: string; text?: string }[] = [];
  for (const entry of listed.stdout.split('\0').filter(Boolean)) {
    const [, mode, , object, path] = TREE_ENTRY.exec(entry) ?? [];
    if (path === undefined || object === undefined) continue;
    if (mode !== '100644' && mode !== '100755') {
      files.push({ path });
      continue;
    }
    const blob = spawnSync('git', ['cat-file', 'blob', object], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (blob.status !== 0) return failure('git_failed', `reading ${path} at ${sha.slice(0, 7)}: ${blob.stderr.trim() || `exit ${blob.status}`}`);
    files.push({ path, text: blob.stdout });
  }
  return ok(files);
}

function changedFiles(root: string, sha: string): Result<string[]> {
  const tracked = git(root, ['diff', '--name-only', '--no-renames', sha]);
  if (!tracked.ok) return tracked;
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard']);
  if (!untracked.ok) return untracked;
  return ok([...new Set([...tracked.value.split('\n'), ...untracked.value.split('\n')].filter(Boolean))].sort());
}

/** Every tracked and untracked (not ignored) file's path and content, hashed. */
function hashWorkingTree(root: string): Result<string> {
  const listed = git(root, ['ls-files', '--cached', '--others', '--exclude-standard', '-z']);
  if (!listed.ok) return listed;
  const files = [...new Set(listed.value.split('\0').filter(Boolean))].sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readOrMissing(join(root, file))).update('\0');
  return ok(hash.digest('hex'));
}

function readOrMissing(path: string): Buffer | string {
  try {
    return readFileSync(path);
  } catch {
    return '<deleted>';
  }
}

function listFilesUnder(root: string, dir: string, pattern: RegExp): { path: string; text: string }[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => e.name)
    .sort()
    .map((name) => ({ path: posix.join(dir, name), text: readFileSync(join(abs, name), 'utf8') }));
}

/** Makes `<dataDir>` ignore itself, so plans, base trees and the embedded warehouse never show as changes. */
export function ensureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const ignore = join(dataDir, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, IGNORE_ALL_BUT_POLICIES);
}

/** Local state stays out of git; `.sluice/policies/` is the repository's own policy folder and stays in. */
const IGNORE_ALL_BUT_POLICIES = '# Sluice local state: plans, base trees, the embedded warehouse.\n*\n!policies/\n!policies/**\n';
