import { createHash } from 'node:crypto';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { isInside } from './resolve-app-command.ts';

/** Folders that are outputs or installed packages, not inputs; the lockfiles stand in for node_modules. */
const SKIPPED_DIRS = new Set(['node_modules', 'cdktf.out', '.git', '.terraform', '__pycache__', '.venv']);
const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'node_modules/.package-lock.json'];

export type HashAppInputsOptions = {
  readonly appDir: string;
  /** The checkout root: lockfiles of parent folders (workspaces) count up to here. */
  readonly rootDir: string;
  /** Folders below `appDir` to skip as well (cdktf.json `output`). */
  readonly skip?: readonly string[];
  /** Anything else the output depends on (Node version, environment, context); JSON-serializable. */
  readonly extra?: unknown;
};

/**
 * A sha256 over what synth reads: every file of the app (paths and contents, symlinks by target) except
 * outputs and installed packages, the lockfiles of the app and its parent folders, and `extra`.
 */
export async function hashAppInputs(options: HashAppInputsOptions): Promise<string> {
  const appDir = resolve(options.appDir);
  const hash = createHash('sha256');
  hash.update(`sluice-cdktf-synth/1\0${JSON.stringify(options.extra ?? null)}\0`);
  const skip = new Set((options.skip ?? []).map((dir) => resolve(appDir, dir)));
  for (const entry of await listInputs(appDir, skip)) {
    hash.update(`${relative(appDir, entry.path)}\0${entry.kind}\0`);
    hash.update(entry.kind === 'link' ? await readlink(entry.path) : await readFile(entry.path));
    hash.update('\0');
  }
  for (const lockfile of parentLockfiles(appDir, resolve(options.rootDir))) {
    hash.update(`lock:${relative(appDir, lockfile)}\0`);
    hash.update(await readFile(lockfile));
  }
  return hash.digest('hex');
}

type InputEntry = { readonly path: string; readonly kind: 'file' | 'link' };

async function listInputs(dir: string, skip: ReadonlySet<string>): Promise<InputEntry[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: InputEntry[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) found.push({ path, kind: 'link' });
    else if (entry.isFile()) found.push({ path, kind: 'file' });
    else if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !skip.has(path)) found.push(...(await listInputs(path, skip)));
  }
  return found;
}

/** Lockfiles in `appDir` itself (including the installed tree's) and in each parent up to the checkout root. */
function parentLockfiles(appDir: string, rootDir: string): string[] {
  const found: string[] = [];
  let dir = appDir;
  for (;;) {
    for (const name of LOCKFILES) {
      const path = join(dir, name);
      const ownSource = dir === appDir && !name.startsWith('node_modules/');
      if (!ownSource && existsSync(path)) found.push(path);
    }
    const parent = dirname(dir);
    if (dir === rootDir || parent === dir || !isInside(parent, rootDir)) return found;
    dir = parent;
  }
}
