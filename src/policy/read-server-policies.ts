import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, resolve } from 'node:path';
import type { PolicyOrigin, PolicyText } from './policy-types.ts';

/** The default policy pack shipped with Sluice: the repository's top-level `policies/`. */
export const DEFAULT_PACK_DIR = fileURLToPath(new URL('../../policies/', import.meta.url));

const POLICY_FILE = /\.ya?ml$/;

/**
 * The trusted policy texts of the server: the default pack, then each `policy_paths` entry (a file, or a
 * folder whose `*.yaml`/`*.yml` files are read in name order). A path that cannot be read becomes a text with
 * `readError`, so evaluation fails closed instead of silently running without it.
 */
export function readServerPolicies(policyPaths: readonly string[], options: { packDir?: string | false } = {}): PolicyText[] {
  const pack = options.packDir === false ? [] : readPolicyPath(options.packDir ?? DEFAULT_PACK_DIR, 'pack');
  return [...pack, ...policyPaths.flatMap((path) => readPolicyPath(path, 'server'))];
}

function readPolicyPath(path: string, origin: PolicyOrigin): PolicyText[] {
  const label = (file: string) => (origin === 'pack' ? join('policies', relative(resolve(path), file)) : file);
  try {
    if (!statSync(path).isDirectory()) return [readOne(path, path, origin)];
    const files = readdirSync(path).filter((name) => POLICY_FILE.test(name)).sort();
    return files.map((name) => readOne(join(path, name), label(join(path, name)), origin));
  } catch (error) {
    return [{ file: path, origin, readError: (error as Error).message }];
  }
}


function readOne(path: string, file: string, origin: PolicyOrigin): PolicyText {
  try {
    return { file, origin, text: readFileSync(path, 'utf8') };
  } catch (error) {
    return { file, origin, readError: (error as Error).message };
  }
}
