import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Base trees kept besides the one in use: the most recently used first. */
export const KEEP_BASE_TREES = 3;

/**
 * A tree used this recently is never removed, whatever its rank: another `sluice` may be planning with it.
 * A `.partial` extraction older than this is left over from an interrupted run.
 */
export const BASE_TREE_GRACE_MS = 60 * 60 * 1000;

export type PruneBaseTreesOptions = {
  /** The commit whose tree is in use: never removed. */
  readonly inUse: string;
  /** How many other trees to keep, most recently used first (default KEEP_BASE_TREES). */
  readonly keep?: number;
  readonly now: Date;
  readonly graceMs?: number;
};

const TREE = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const PARTIAL = /^[0-9a-f]{40}(?:[0-9a-f]{24})?(?:\.\d+)?\.partial$/;
const REMOVING = /^[0-9a-f]{40}(?:[0-9a-f]{24})?(?:(?:\.\d+)?\.partial)?\.removing$/;

/**
 * Removes the base trees under `<dataDir>/base/` beyond the `keep` most recently used (a tree's mtime is
 * touched on each use), and `.partial` extractions older than the grace period. Never the tree in use nor one
 * used within the grace period; entries that are not `<sha>`, `<sha>[.<pid>].partial` or `….removing`
 * directories are left alone. A tree
 * is renamed before it is deleted, so a removal cut short never leaves a half tree that looks complete. Best
 * effort: what cannot be removed stays until the next run. Returns the names removed.
 */
export function pruneBaseTrees(baseRoot: string, options: PruneBaseTreesOptions): string[] {
  const keep = options.keep ?? KEEP_BASE_TREES;
  const cutoff = options.now.getTime() - (options.graceMs ?? BASE_TREE_GRACE_MS);
  const entries = listDirs(baseRoot);
  const trees = entries.filter((e) => TREE.test(e.name) && e.name !== options.inUse).sort((a, b) => b.usedAt - a.usedAt || a.name.localeCompare(b.name));
  const old = trees.slice(keep).filter((e) => e.usedAt < cutoff);
  const stale = entries.filter((e) => PARTIAL.test(e.name) && e.usedAt < cutoff);
  const removed = [...old, ...stale].filter((e) => remove(join(baseRoot, e.name))).map((e) => e.name);
  for (const e of entries.filter((x) => REMOVING.test(x.name))) remove(join(baseRoot, e.name));
  return removed;
}

function listDirs(root: string): { name: string; usedAt: number }[] {
  let names: string[];
  try {
    names = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    try {
      return [{ name, usedAt: statSync(join(root, name)).mtimeMs }];
    } catch {
      return [];
    }
  });
}

/** Renames `dir` to `<dir>.removing` (one atomic step), then deletes it. */
function remove(dir: string): boolean {
  const doomed = dir.endsWith('.removing') ? dir : `${dir}.removing`;
  try {
    if (doomed !== dir) renameSync(dir, doomed);
    rmSync(doomed, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}
