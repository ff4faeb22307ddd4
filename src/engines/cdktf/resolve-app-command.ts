import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { failure, ok, type Result } from '../../core/outcome.ts';

/** What to spawn: an executable and its arguments, never a shell string. */
export type AppCommand = { readonly file: string; readonly args: readonly string[] };

export type ResolveAppCommandOptions = {
  readonly appDir: string;
  /** The checkout root: local binaries are looked up from `appDir` up to here, never above. */
  readonly rootDir: string;
  /** The Node binary that runs `node …` apps (Sluice's own, so a PR cannot pick another through PATH). */
  readonly nodePath: string;
};

const BIN_NAME = /^[A-Za-z0-9@._-][A-Za-z0-9@._+-]*$/;

/**
 * Turns the split `app` command into what to spawn: `node` is Sluice's Node, `npx <bin>` is the app's own
 * `node_modules/.bin/<bin>` (nothing is ever downloaded), a relative path stays inside the checkout, and
 * any other bare name is looked up on PATH.
 */
export function resolveAppCommand(argv: readonly string[], options: ResolveAppCommandOptions): Result<AppCommand> {
  const [head = '', ...rest] = argv;
  if (head === 'node') return ok({ file: options.nodePath, args: rest });
  if (head === 'npx') return resolveNpx(rest, options);
  if (head.includes('/')) return resolveRelative(head, rest, options);
  return ok({ file: head, args: rest });
}

function resolveNpx(rest: readonly string[], options: ResolveAppCommandOptions): Result<AppCommand> {
  const [bin = '', ...args] = rest;
  if (bin.startsWith('-') || !BIN_NAME.test(bin)) {
    return failure('config_invalid', `cdktf.json: "app" runs npx with ${JSON.stringify(bin)}; Sluice supports "npx <installed binary> …" only`);
  }
  const found = findLocalBin(bin, options);
  if (found === undefined) {
    return failure('engine_failed', `the app runs "npx ${bin}", but ${bin} is not installed in node_modules/.bin of the app or its parent folders`, {
      hint: 'Install the app\'s dependencies in the checkout (Sluice never downloads packages during synth).',
    });
  }
  return ok({ file: found, args });
}

function findLocalBin(bin: string, options: ResolveAppCommandOptions): string | undefined {
  const root = resolve(options.rootDir);
  let dir = resolve(options.appDir);
  for (;;) {
    const candidate = join(dir, 'node_modules', '.bin', bin);
    if (existsSync(candidate)) return candidate;
    if (dir === root || !isInside(dir, root)) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function resolveRelative(head: string, rest: readonly string[], options: ResolveAppCommandOptions): Result<AppCommand> {
  const file = resolve(options.appDir, head);
  if (isAbsolute(head) || !isInside(file, resolve(options.rootDir))) {
    return failure('config_invalid', `cdktf.json: "app" runs ${JSON.stringify(head)}, which is outside the checkout`);
  }
  return ok({ file, args: rest });
}

/** True when `path` is `root` or below it. */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
