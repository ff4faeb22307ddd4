import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { failure, isFailure, type Failure } from '../core/outcome.ts';
import { pruneBaseTrees } from './prune-base-trees.ts';

/** Git's empty tree: `--base none` plans everything in the working tree as new. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** Runs git in `dir`; stdout trimmed, or a Failure carrying git's stderr. */
export function git(dir: string, args: readonly string[]): string | Failure {
  const run = spawnSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) return failure('config_invalid', `running git ${args[0]}: ${run.error.message}`);
  if (run.status !== 0) return failure('config_invalid', `git ${args.join(' ')}: ${run.stderr.trim() || `exit ${run.status}`}`);
  return run.stdout.trim();
}

/** The top of the git checkout containing `dir`. */
export function findRepoRoot(dir: string): string | Failure {
  const root = git(dir, ['rev-parse', '--show-toplevel']);
  return typeof root === 'string' ? root : failure('config_invalid', `${dir} is not inside a git checkout`, { hint: 'Run sluice plan in a git repository with a sluice.yaml.' });
}

/**
 * The commit the working tree is compared with: `ref` when given (`none` is the empty tree), else the merge
 * base of HEAD with origin/HEAD, else with main (or master), else HEAD itself.
 */
export function resolveBase(root: string, ref: string | undefined): { ref: string; sha: string } | Failure {
  if (ref === 'none') return { ref, sha: EMPTY_TREE };
  if (ref !== undefined) {
    const sha = git(root, ['rev-parse', '--verify', `${ref}^{commit}`]);
    return typeof sha === 'string' ? { ref, sha } : failure('config_invalid', `resolving the base ref ${ref}: no such commit`);
  }
  for (const candidate of ['origin/HEAD', 'main', 'master']) {
    const sha = git(root, ['merge-base', 'HEAD', candidate]);
    if (typeof sha === 'string' && sha !== '') return { ref: candidate, sha };
  }
  const head = git(root, ['rev-parse', 'HEAD']);
  return typeof head === 'string' ? { ref: 'HEAD', sha: head } : failure('config_invalid', 'resolving the base: the repository has no commits; pass --base none');
}

/** The HEAD commit, or the empty tree in a repository without commits. */
export function headCommit(root: string): string {
  const head = git(root, ['rev-parse', 'HEAD']);
  return typeof head === 'string' ? head : EMPTY_TREE;
}

/** HEAD, and whether the working tree has changes on top of it (dirty too when git cannot tell). */
export function workingTreeHead(root: string): { headSha: string; dirty: boolean } {
  const headSha = headCommit(root);
  const uncommitted = changedFiles(root, headSha);
  return { headSha, dirty: isFailure(uncommitted) || uncommitted.length > 0 };
}

/**
 * The base commit's tree, extracted once per commit under `<dataDir>/base/<sha>` (git archive | tar). Each use
 * marks the tree as used (its mtime), then trees beyond the few most recently used are pruned (never this one).
 */
export function materializeBase(root: string, dataDir: string, sha: string, options: { now?: Date } = {}): string | Failure {
  const dir = join(dataDir, 'base', sha);
  const now = options.now ?? new Date();
  if (!(existsSync(dir) && touched(dir, now))) {
    const extracted = extractTree(root, dir, sha);
    if (isFailure(extracted)) return extracted;
    touched(dir, now);
  }
  pruneBaseTrees(join(dataDir, 'base'), { inUse: sha, now });
  return dir;
}

function extractTree(root: string, dir: string, sha: string): Failure | undefined {
  const partial = `${dir}.${process.pid}.partial`; // per process: two runs extracting one commit do not collide
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const problem = sha === EMPTY_TREE ? undefined : unpack(root, sha, partial);
  if (problem !== undefined) {
    rmSync(partial, { recursive: true, force: true });
    return failure('config_invalid', `extracting the base ${sha.slice(0, 7)}: ${problem}`);
  }
  try {
    renameSync(partial, dir);
  } catch (error) {
    // Another run extracted the same commit meanwhile: use its tree.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(dir)) return failure('config_invalid', `extracting the base ${sha.slice(0, 7)}: ${(error as Error).message}`);
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

/**
 * The files under `dir` in commit `sha`, read from the object store like the server reads the default branch
 * (never a working tree): the text of each regular file; `text` undefined for a symlink or submodule.
 */
export function readFilesAt(root: string, sha: string, dir: string): { path: string; text?: string }[] | Failure {
  if (sha === EMPTY_TREE) return [];
  const listed = spawnSync('git', ['ls-tree', '-r', '-z', '--full-tree', sha, '--', `${dir}/`], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (listed.status !== 0) return failure('config_invalid', `listing ${dir} at ${sha.slice(0, 7)}: ${listed.stderr.trim() || listed.error?.message || `exit ${listed.status}`}`);
  const files: { path: string; text?: string }[] = [];
  for (const entry of listed.stdout.split('\0').filter(Boolean)) {
    const [, mode, , object, path] = TREE_ENTRY.exec(entry) ?? [];
    if (path === undefined || object === undefined) continue;
    if (mode !== '100644' && mode !== '100755') {
      files.push({ path });
      continue;
    }
    const blob = spawnSync('git', ['cat-file', 'blob', object], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (blob.status !== 0) return failure('config_invalid', `reading ${path} at ${sha.slice(0, 7)}: ${blob.stderr.trim() || `exit ${blob.status}`}`);
    files.push({ path, text: blob.stdout });
  }
  return files;
}

/** Files that differ between `sha` and the working tree (tracked changes, staged or not, and untracked files). */
export function changedFiles(root: string, sha: string): string[] | Failure {
  const tracked = git(root, ['diff', '--name-only', '--no-renames', sha]);
  if (typeof tracked !== 'string') return tracked;
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard']);
  if (typeof untracked !== 'string') return untracked;
  return [...new Set([...tracked.split('\n'), ...untracked.split('\n')].filter(Boolean))].sort();
}

/** Makes `<dataDir>` ignore itself, so plans, base trees and the embedded warehouse never show as changes. */
export function ensureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const ignore = join(dataDir, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, IGNORE_ALL_BUT_POLICIES);
}

/** Local state stays out of git; `.sluice/policies/` is the repository's own policy folder and stays in. */
const IGNORE_ALL_BUT_POLICIES = '# Sluice local state: plans, base trees, the embedded warehouse.\n*\n!policies/\n!policies/**\n';
