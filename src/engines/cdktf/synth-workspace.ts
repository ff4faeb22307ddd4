import { copyFile, lstat, mkdir, mkdtemp, readdir, readlink, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { CheckoutInputs } from './checkout-inputs.ts';
import { isInside } from './resolve-app-command.ts';

/**
 * A private temporary folder for one synth, never inside Sluice's data dir: `root/` is a copy of the
 * checkout's inputs (what the app may write to; thrown away), `out/` the app's CDKTF_OUTDIR and `home/`
 * its HOME and TMPDIR. Only `out/` is read back, by `copyOutput`.
 */
export type SynthWorkspace = {
  readonly dir: string;
  readonly copyDir: string;
  readonly outDir: string;
  readonly homeDir: string;
  remove(): Promise<void>;
};

export async function createSynthWorkspace(inputs: CheckoutInputs, options: { linkPackages: boolean }): Promise<SynthWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), 'sluice-synth-'));
  const workspace = { dir, copyDir: join(dir, 'root'), outDir: join(dir, 'out'), homeDir: join(dir, 'home') };
  await Promise.all([mkdir(workspace.copyDir), mkdir(workspace.outDir), mkdir(workspace.homeDir)]);
  for (const file of inputs.files) {
    const to = join(workspace.copyDir, file.rel);
    await mkdir(dirname(to), { recursive: true });
    if (file.kind === 'link') await symlink(await readlink(join(inputs.rootDir, file.rel)), to);
    else await copyFile(join(inputs.rootDir, file.rel), to);
  }
  for (const pkg of inputs.packages) await placePackages(inputs.rootDir, workspace, pkg, options.linkPackages);
  return { ...workspace, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Where the app finds its installed packages. In the sandbox the copy is mounted at the checkout's own path
 * and packages are mounted read-only at their real path: a committed link is recreated, a real folder gets
 * an empty mount point. Without the sandbox the copy lives elsewhere, so packages are linked into it (the
 * nearest parent folder's packages beside the copy's root).
 */
async function placePackages(
  rootDir: string,
  workspace: { dir: string; copyDir: string },
  pkg: CheckoutInputs['packages'][number],
  linkPackages: boolean,
): Promise<void> {
  const inside = isInside(pkg.path, rootDir);
  const at = inside ? join(workspace.copyDir, relative(rootDir, pkg.path)) : join(workspace.dir, 'node_modules');
  if (await exists(at)) return;
  await mkdir(dirname(at), { recursive: true });
  const isLink = inside && (await lstat(pkg.path)).isSymbolicLink();
  if (isLink) await symlink(await readlink(pkg.path), at);
  else if (linkPackages) await symlink(pkg.real, at);
  else if (inside) await mkdir(at);
}

/**
 * Copies the app's output back to Sluice's folder: regular files and folders only. A symlink the app left
 * (to the server's key, say) is dropped, so nothing Sluice later reads can point outside the output.
 */
export async function copyOutput(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) await copyOutput(source, target);
    else if (entry.isFile()) await copyFile(source, target);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
