import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { failure, type Failure } from '../core/outcome.ts';

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

/** The base commit's tree, extracted once per commit under `<dataDir>/base/<sha>` (git archive | tar). */
export function materializeBase(root: string, dataDir: string, sha: string): string | Failure {
  const dir = join(dataDir, 'base', sha);
  if (existsSync(dir)) return dir;
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  if (sha !== EMPTY_TREE) {
    const archive = spawnSync('git', ['archive', '--format=tar', sha], { cwd: root, maxBuffer: 1024 * 1024 * 1024 });
    if (archive.status !== 0) return failure('config_invalid', `extracting the base ${sha.slice(0, 7)}: ${archive.stderr.toString().trim()}`);
    const tar = spawnSync('tar', ['-x', '-C', partial], { input: archive.stdout });
    if (tar.status !== 0) return failure('config_invalid', `extracting the base ${sha.slice(0, 7)}: ${tar.stderr.toString().trim()}`);
  }
  renameSync(partial, dir);
  return dir;
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
