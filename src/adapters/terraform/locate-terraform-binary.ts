import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** Looked up on PATH, in this order, when the target names no binary. */
export const TERRAFORM_BINARIES: readonly string[] = ['terraform', 'tofu'];

/**
 * The executable to run: the target's `binary` (a path, or a name looked up on PATH), else `terraform`
 * or `tofu` on PATH. Undefined when none is found: the engine then plans a configuration diff.
 */
export function locateTerraformBinary(options: { configured?: string; pathEnv?: string }): string | undefined {
  const dirs = (options.pathEnv ?? '').split(delimiter).filter((d) => d !== '');
  if (options.configured !== undefined && options.configured !== '') {
    const configured = options.configured;
    if (isAbsolute(configured) || configured.includes('/')) return isExecutable(resolve(configured)) ? resolve(configured) : undefined;
    return findOnPath(configured, dirs);
  }
  for (const name of TERRAFORM_BINARIES) {
    const found = findOnPath(name, dirs);
    if (found !== undefined) return found;
  }
  return undefined;
}

function findOnPath(name: string, dirs: readonly string[]): string | undefined {
  return dirs.map((dir) => join(dir, name)).find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
