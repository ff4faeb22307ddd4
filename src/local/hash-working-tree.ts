import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Failure } from '../core/outcome.ts';
import { git } from './local-git.ts';

/**
 * A hash of the working tree as git sees it: every tracked and untracked (not ignored) file's path and
 * content. `sluice apply` refuses a plan when it moved since `sluice plan`.
 */
export function hashWorkingTree(root: string): string | Failure {
  const listed = git(root, ['ls-files', '--cached', '--others', '--exclude-standard', '-z']);
  if (typeof listed !== 'string') return listed;
  const files = [...new Set(listed.split('\0').filter(Boolean))].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file).update('\0');
    hash.update(readOrMissing(join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

function readOrMissing(path: string): Buffer | string {
  try {
    return readFileSync(path);
  } catch {
    return '<deleted>';
  }
}
