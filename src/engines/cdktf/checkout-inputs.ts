import { existsSync, realpathSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { isInside } from './resolve-app-command.ts';

/** Outputs and caches: neither copied into the synth copy nor hashed. */
const SKIPPED_DIRS = new Set(['.git', 'cdktf.out', '.terraform', '__pycache__', '.terragrunt-cache']);
/** Installed packages: mounted read-only (never copied), hashed by their lockfiles and link targets. */
const PACKAGE_DIRS = new Set(['node_modules', '.venv']);
/** Lockfiles inside an installed tree that stand for its content. */
const INSTALLED_LOCKFILES = ['.package-lock.json', '.yarn-state.yml', '.modules.yaml', 'pyvenv.cfg'];

export type InputFile = { readonly rel: string; readonly kind: 'file' | 'link' };

/** An installed-packages folder the app may read: where it appears and the real folder to mount. */
export type PackageDir = {
  /** Where Node looks for it: inside the checkout, or a parent folder of the checkout. */
  readonly path: string;
  /** Its real location (a committed `node_modules` symlink points elsewhere); mounted read-only. */
  readonly real: string;
  /** The lockfiles inside it, by absolute path (hashed). */
  readonly lockfiles: readonly string[];
  /** True when its real folder is inside the checkout (committed by the PR): hashed file by file. */
  readonly inCheckout: boolean;
};

export type CheckoutInputs = {
  readonly rootDir: string;
  /** Every file and symlink of the checkout the app can read, sorted, relative to the root. */
  readonly files: readonly InputFile[];
  readonly packages: readonly PackageDir[];
  /** Package folders the checkout points at but Sluice will not show the app (e.g. a link to /etc). */
  readonly refusedPackages: readonly string[];
};

export type ListInputsOptions = {
  readonly rootDir: string;
  /** Folders (absolute) skipped besides the usual outputs: cdktf.json's `output`. */
  readonly skip?: readonly string[];
  /** Server folders a committed `node_modules` link may point into (the server's pre-installed packages). */
  readonly packagesDirs?: readonly string[];
};

/**
 * What synth can read of a checkout: all of it but outputs and VCS data, plus installed packages found
 * inside it or above it (where Node's resolution looks). A package link is followed only to a real folder
 * named like one, inside the checkout or a configured packages folder: a PR cannot mount /etc by naming it
 * node_modules.
 */
export async function listCheckoutInputs(options: ListInputsOptions): Promise<CheckoutInputs> {
  const rootDir = resolve(options.rootDir);
  const skip = new Set((options.skip ?? []).map((dir) => resolve(dir)));
  const files: InputFile[] = [];
  const packages: PackageDir[] = [];
  const refused: string[] = [];
  const allowed = [rootDir, ...(options.packagesDirs ?? []).map((dir) => resolve(dir))];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (PACKAGE_DIRS.has(entry.name)) {
        const found = packageDir(path, allowed, rootDir);
        if (found === undefined) refused.push(relative(rootDir, path));
        else packages.push(found);
      } else if (entry.isSymbolicLink()) files.push({ rel: relative(rootDir, path), kind: 'link' });
      else if (entry.isFile()) files.push({ rel: relative(rootDir, path), kind: 'file' });
      else if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !skip.has(path)) await walk(path);
    }
  };
  await walk(rootDir);
  for (const above of packagesAbove(rootDir)) packages.push(above);
  return { rootDir, files, packages, refusedPackages: refused };
}

function packageDir(path: string, allowed: readonly string[], rootDir: string): PackageDir | undefined {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return undefined;
  }
  if (!PACKAGE_DIRS.has(basename(real)) || !allowed.some((root) => isInside(real, root))) return undefined;
  return { path, real, lockfiles: lockfilesIn(real), inCheckout: isInside(real, rootDir) };
}

/** `node_modules` of the checkout's parent folders, which Node's resolution also reads (server-side layout). */
function packagesAbove(rootDir: string): PackageDir[] {
  const found: PackageDir[] = [];
  let dir = dirname(rootDir);
  for (;;) {
    const path = join(dir, 'node_modules');
    if (existsSync(path)) {
      const real = realpathSync(path);
      found.push({ path, real, lockfiles: lockfilesIn(real), inCheckout: false });
    }
    const parent = dirname(dir);
    if (parent === dir) return found;
    dir = parent;
  }
}

function lockfilesIn(dir: string): string[] {
  return INSTALLED_LOCKFILES.map((name) => join(dir, name)).filter((file) => existsSync(file));
}
