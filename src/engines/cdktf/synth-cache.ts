import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { copyOutput } from './synth-workspace.ts';

/**
 * Synth output cached by the hash of the app's inputs, content-addressed and verified on every read:
 * `objects/<digest>/` holds a complete output folder named by the sha256 of its files, and
 * `entries/<inputs hash>.json` names the object with an HMAC under a key only this process holds. A read
 * recomputes the object's digest and checks the HMAC: a tampered, swapped or half-written entry is
 * discarded (and synthesized again), never served. A restart starts a new key, so it re-synthesizes once.
 */
export type SynthCache = {
  /** Copies a verified cached output into `outDir` (replacing it); false when there is none or it was tampered with. */
  restore(key: string, outDir: string): Promise<boolean>;
  /** Stores `outDir` under `key`; concurrent stores of the same key each write whole. */
  store(key: string, outDir: string): Promise<void>;
};

const Entry = z.strictObject({ digest: z.string().regex(/^[0-9a-f]{64}$/), mac: z.string().regex(/^[0-9a-f]{64}$/) });

/** The process's cache key: never written to disk, so nothing PR code reads or writes can forge an entry. */
const PROCESS_KEY = randomBytes(32);

export function createSynthCache(cacheDir: string, secret: Buffer = PROCESS_KEY): SynthCache {
  const entryFile = (key: string): string => {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`synth cache: invalid key ${key}`);
    return join(cacheDir, 'entries', `${key}.json`);
  };
  const objectDir = (digest: string): string => join(cacheDir, 'objects', digest);
  const mac = (key: string, digest: string): string => createHmac('sha256', secret).update(`${key}\0${digest}`).digest('hex');
  return {
    async restore(key, outDir) {
      const entry = await readEntry(entryFile(key));
      if (entry === undefined) return false;
      const genuine = safeEqual(entry.mac, mac(key, entry.digest)) && (await digestOf(objectDir(entry.digest))) === entry.digest;
      if (!genuine) {
        await rm(entryFile(key), { force: true });
        await rm(objectDir(entry.digest), { recursive: true, force: true });
        return false;
      }
      await copyOutput(objectDir(entry.digest), outDir);
      return true;
    },
    async store(key, outDir) {
      const digest = await digestOf(outDir);
      if (digest === undefined) return;
      const staging = join(cacheDir, `.staging-${randomUUID()}`);
      await mkdir(join(cacheDir, 'objects'), { recursive: true });
      await mkdir(join(cacheDir, 'entries'), { recursive: true });
      await copyOutput(outDir, staging);
      try {
        await rename(staging, objectDir(digest));
      } catch {
        // The object exists (same content, or a tampered copy the next read discards).
        await rm(staging, { recursive: true, force: true });
      }
      const tmp = `${entryFile(key)}.${randomUUID()}`;
      await writeFile(tmp, JSON.stringify({ digest, mac: mac(key, digest) }));
      await rename(tmp, entryFile(key));
    },
  };
}

async function readEntry(file: string): Promise<z.infer<typeof Entry> | undefined> {
  try {
    const parsed = Entry.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** sha256 over the folder's regular files (paths and contents); anything else in it makes it invalid. */
async function digestOf(root: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<boolean> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        hash.update(`dir:${relative(root, path)}\0`);
        if (!(await walk(path))) return false;
      } else if (entry.isFile()) {
        hash.update(`file:${relative(root, path)}\0`);
        hash.update(await readFile(path));
        hash.update('\0');
      } else return false;
    }
    return true;
  };
  return (await walk(root)) ? hash.digest('hex') : undefined;
}

function safeEqual(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
