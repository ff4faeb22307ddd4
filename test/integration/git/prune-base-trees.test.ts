import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { materializeBase } from '../../../src/adapters/git/local-working-tree.ts';
import { BASE_TREE_GRACE_MS, pruneBaseTrees } from '../../../src/adapters/git/prune-base-trees.ts';

const NOW = new Date('2025-03-14T12:00:00Z');
const HOUR = 3_600_000;
const sha = (n: number) => n.toString(16).padStart(40, 'a');

/** A base folder with each entry (name → hours since last use) as a directory holding one file. */
function baseFolder(dirs: string[], entries: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'sluice-base-'));
  dirs.push(root);
  for (const [name, hoursAgo] of Object.entries(entries)) {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'sluice.yaml'), 'version: 1\n');
    const at = new Date(NOW.getTime() - hoursAgo * HOUR);
    utimesSync(join(root, name), at, at);
  }
  return root;
}

const listed = (root: string) => readdirSync(root).sort();

describe('pruneBaseTrees', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps the tree in use and the 3 most recently used, and removes the older ones', () => {
    const root = baseFolder(dirs, { [sha(1)]: 2, [sha(2)]: 3, [sha(3)]: 4, [sha(4)]: 5, [sha(5)]: 6, [sha(6)]: 30 });
    const removed = pruneBaseTrees(root, { inUse: sha(6), now: NOW });
    expect(removed.sort()).toEqual([sha(4), sha(5)]);
    expect(listed(root)).toEqual([sha(1), sha(2), sha(3), sha(6)]);
    expect(readFileSync(join(root, sha(6), 'sluice.yaml'), 'utf8')).toBe('version: 1\n');
  });

  it('never removes a tree used within the grace period, whatever its rank', () => {
    const root = baseFolder(dirs, { [sha(1)]: 0.1, [sha(2)]: 0.2, [sha(3)]: 0.3, [sha(4)]: 0.4, [sha(5)]: 0.5 });
    expect(pruneBaseTrees(root, { inUse: sha(1), now: NOW, keep: 1 })).toEqual([]);
    expect(listed(root)).toHaveLength(5);
    expect(pruneBaseTrees(root, { inUse: sha(1), now: NOW, keep: 1, graceMs: 0.35 * HOUR }).sort()).toEqual([sha(4), sha(5)]);
    expect(listed(root)).toEqual([sha(1), sha(2), sha(3)]);
  });

  it('removes stale .partial extractions and leftover .removing trees, keeps fresh ones and anything else', () => {
    const stale = Math.ceil(BASE_TREE_GRACE_MS / HOUR) + 1;
    const root = baseFolder(dirs, {
      [sha(1)]: 0, [`${sha(2)}.partial`]: stale, [`${sha(3)}.4242.partial`]: stale, [`${sha(4)}.77.partial`]: 0,
      [`${sha(5)}.removing`]: 0, notes: stale, [`${sha(6)}.bak`]: stale,
    });
    writeFileSync(join(root, 'README'), 'not a tree\n');
    const removed = pruneBaseTrees(root, { inUse: sha(1), now: NOW });
    expect(removed.sort()).toEqual([`${sha(2)}.partial`, `${sha(3)}.4242.partial`]);
    expect(listed(root)).toEqual([sha(1), `${sha(4)}.77.partial`, `${sha(6)}.bak`, 'README', 'notes'].sort());
  });

  it('is a no-op when there is no base folder yet', () => {
    expect(pruneBaseTrees(join(tmpdir(), 'sluice-no-such-base-folder'), { inUse: sha(1), now: NOW })).toEqual([]);
  });
});

describe('materializeBase prunes the trees it extracted', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  function gitRepo(commits: number): { root: string; shas: string[] } {
    const root = mkdtempSync(join(tmpdir(), 'sluice-base-git-'));
    dirs.push(root);
    const git = (...args: string[]) => {
      const run = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: root, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(run.stderr);
      return run.stdout.trim();
    };
    git('init', '-q', '-b', 'main');
    const shas: string[] = [];
    for (let i = 1; i <= commits; i++) {
      writeFileSync(join(root, 'n.txt'), `${i}\n`);
      git('add', 'n.txt');
      git('commit', '-q', '-m', `commit ${i}`);
      shas.push(git('rev-parse', 'HEAD'));
    }
    return { root, shas };
  }

  it('keeps the tree in use and the 3 most recently used of 6 extracted, reusing a tree refreshes it', () => {
    const { root, shas } = gitRepo(6);
    const dataDir = join(root, '.sluice');
    const at = (hours: number) => ({ now: new Date(NOW.getTime() + hours * HOUR) });
    for (const [i, commit] of shas.slice(0, 5).entries()) {
      const dir = materializeBase(root, dataDir, commit, at(2 * i));
      if (!dir.ok) throw new Error(dir.message);
      expect(readFileSync(join(dir.value, 'n.txt'), 'utf8')).toBe(`${i + 1}\n`);
    }
    // Five used two hours apart: the oldest is gone, the tree in use (the fifth) and three more remain.
    expect(listed(join(dataDir, 'base'))).toEqual([shas[1], shas[2], shas[3], shas[4]].sort());
    // Using the second again makes it the most recent: the next new tree pushes out the third instead.
    expect(materializeBase(root, dataDir, shas[1]!, at(10)).ok).toBe(true);
    const sixth = materializeBase(root, dataDir, shas[5]!, at(12));
    expect(sixth).toEqual({ ok: true, value: join(dataDir, 'base', shas[5]!) });
    expect(listed(join(dataDir, 'base'))).toEqual([shas[1], shas[3], shas[4], shas[5]].sort());
    expect(existsSync(join(dataDir, 'base', `${shas[5]}.${process.pid}.partial`))).toBe(false);
  });
});
