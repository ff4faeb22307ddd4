import { randomUUID } from 'node:crypto';
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Synth output cached by the hash of the app's inputs: `<cacheDir>/<hash>/` holds a complete output folder
 * (manifest and stacks). Entries are written whole and renamed into place, so a reader never sees half of one.
 */
export type SynthCache = {
  /** Copies a cached output into `outDir` (replacing it); false when there is none. */
  restore(key: string, outDir: string): Promise<boolean>;
  /** Stores `outDir` under `key`; a concurrent store of the same key wins or loses whole. */
  store(key: string, outDir: string): Promise<void>;
};

export function createSynthCache(cacheDir: string): SynthCache {
  const entry = (key: string): string => {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`synth cache: invalid key ${key}`);
    return join(cacheDir, key);
  };
  return {
    async restore(key, outDir) {
      const dir = entry(key);
      if (!existsSync(join(dir, 'manifest.json'))) return false;
      await rm(outDir, { recursive: true, force: true });
      await cp(dir, outDir, { recursive: true, verbatimSymlinks: true });
      return true;
    },
    async store(key, outDir) {
      const dir = entry(key);
      if (existsSync(dir)) return;
      await mkdir(cacheDir, { recursive: true });
      const staging = join(cacheDir, `.staging-${randomUUID()}`);
      await cp(outDir, staging, { recursive: true, verbatimSymlinks: true });
      try {
        await rename(staging, dir);
      } catch {
        await rm(staging, { recursive: true, force: true });
      }
    },
  };
}
