import { createHash, type Hash } from 'node:crypto';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { CheckoutInputs } from './checkout-inputs.ts';

/**
 * A sha256 over everything synth can read of the checkout (see `listCheckoutInputs`): every file's path
 * and content, symlinks by target, installed packages committed in the checkout file by file, the others
 * by where they point and their lockfiles, and `extra` (Node version, environment, context, app folder).
 */
export async function hashAppInputs(inputs: CheckoutInputs, extra: unknown): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`sluice-cdktf-synth/2\0${JSON.stringify(extra ?? null)}\0`);
  for (const file of inputs.files) await hashEntry(hash, file.rel, join(inputs.rootDir, file.rel), file.kind);
  for (const dir of inputs.packages) {
    hash.update(`packages:${relative(inputs.rootDir, dir.path)}\0${dir.real}\0`);
    if (dir.inCheckout) await hashTree(hash, dir.real);
    for (const lockfile of dir.lockfiles) {
      hash.update(`lock:${relative(dir.real, lockfile)}\0`);
      hash.update(await readFile(lockfile));
    }
  }
  for (const refused of inputs.refusedPackages) hash.update(`refused:${refused}\0`);
  return hash.digest('hex');
}

async function hashEntry(hash: Hash, rel: string, path: string, kind: 'file' | 'link'): Promise<void> {
  hash.update(`${rel}\0${kind}\0`);
  hash.update(kind === 'link' ? await readlink(path) : await readFile(path));
  hash.update('\0');
}

async function hashTree(hash: Hash, root: string, dir = root): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) await hashEntry(hash, relative(root, path), path, 'link');
    else if (entry.isFile()) await hashEntry(hash, relative(root, path), path, 'file');
    else if (entry.isDirectory()) await hashTree(hash, root, path);
  }
}
