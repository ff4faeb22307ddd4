import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/** Files directly in `<root>/<dir>` whose names match, with repo-relative paths and their text, by name. */
export function listFilesUnder(root: string, dir: string, pattern: RegExp): { path: string; text: string }[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => e.name)
    .sort()
    .map((name) => ({ path: posix.join(dir, name), text: readFileSync(join(abs, name), 'utf8') }));
}
