import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { synthCdktfApp } from '../../../src/engines/cdktf/synth-app.ts';
import { createSynthCache } from '../../../src/engines/cdktf/synth-cache.ts';
import { handWrittenApp, makeTempDir, synthOptions, writeFiles } from './cdktf-test-helpers.ts';

const temp = makeTempDir('cdktf-cache');
afterAll(() => temp.remove());

/** The checkout (`root`) holds a workspace lockfile; the app is `root/infra/lake`. */
let root: string;
let app: string;
let out: string;
let cacheDir: string;

beforeEach((ctx) => {
  root = join(temp.dir, ctx.task.name.replace(/\W+/g, '-'));
  app = join(root, 'infra', 'lake');
  out = join(root, '..', `${ctx.task.id}-out`);
  cacheDir = join(root, '..', `${ctx.task.id}-cache`);
  writeFiles(root, { 'package-lock.json': '{"lockfileVersion":3}' });
  writeFiles(app, handWrittenApp('raw-v1'));
});

/** The run ids the app wrote: one per real synth (a cached output repeats its run's id). */
let runIds: Set<string>;
beforeEach(() => {
  runIds = new Set();
});
const synth = async (extra: { cacheDir?: string } = { cacheDir }) => {
  const result = await synthCdktfApp(synthOptions(app, out, { rootDir: root, ...extra }));
  if (existsSync(join(out, 'run-id'))) runIds.add(readFileSync(join(out, 'run-id'), 'utf8'));
  return result;
};
const runs = (): number => runIds.size;

describe('the synth cache', () => {
  it('serves unchanged inputs without running the app', async () => {
    const first = await synth();
    rmSync(out, { recursive: true });
    const second = await synth();
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect([first.value.cached, second.value.cached]).toEqual([false, true]);
    expect(runs()).toBe(1);
    expect(second.value.inputsHash).toBe(first.value.inputsHash);
    expect(second.value.stacks).toEqual(first.value.stacks);
  });

  it('ignores CDKTF output folders', async () => {
    await synth();
    writeFiles(app, { 'cdktf.out/stacks/old/cdk.tf.json': '{}' });
    const again = await synth();
    expect(again.ok && again.value.cached).toBe(true);
    expect(runs()).toBe(1);
  });

  it('synthesizes again when a package committed in the checkout changes (the app can read it)', async () => {
    writeFiles(app, { 'node_modules/cdktf/index.js': 'module.exports = {};' });
    await synth();
    writeFiles(app, { 'node_modules/cdktf/index.js': 'module.exports = { evil: true };' });
    const again = await synth();
    expect(again.ok && again.value.cached).toBe(false);
    expect(runs()).toBe(2);
  });

  it('synthesizes again when a file outside the app folder changes (the app can read the whole checkout)', async () => {
    writeFiles(root, { 'shared/buckets.json': '["raw"]' });
    await synth();
    writeFiles(root, { 'shared/buckets.json': '["raw","curated"]' });
    const again = await synth();
    expect(again.ok && again.value.cached).toBe(false);
  });

  it('discards a tampered cache entry and synthesizes again (the hostile app rewrote another output)', async () => {
    const first = await synth();
    const objects = join(cacheDir, 'objects');
    for (const digest of readdirSync(objects)) {
      writeFileSync(join(objects, digest, 'stacks', 'lake', 'cdk.tf.json'), JSON.stringify({ resource: { aws_iam_user: { backdoor: { name: 'mallory' } } } }));
    }
    const again = await synth();
    expect(first.ok && again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.value.cached).toBe(false);
    expect(runs()).toBe(2);
    expect(again.value.stacks[0]?.config).toEqual({ resource: { aws_s3_bucket: { raw: { bucket: 'raw-v1' } } } });
  });

  it('does not trust an entry it did not write itself (another process, or PR code, forged it)', async () => {
    await synth();
    const forged = createSynthCache(join(cacheDir), Buffer.alloc(32, 7));
    const [entry] = readdirSync(join(cacheDir, 'entries'));
    expect(await forged.restore(entry!.replace(/\.json$/, ''), join(temp.dir, 'forged-out'))).toBe(false);
  });

  it('synthesizes again when a source file changes', async () => {
    await synth();
    writeFiles(app, handWrittenApp('raw-v2'));
    const again = await synth();
    expect(again.ok && again.value.cached).toBe(false);
    expect(runs()).toBe(2);
    expect(again.ok ? again.value.stacks[0]?.config : again).toEqual({ resource: { aws_s3_bucket: { raw: { bucket: 'raw-v2' } } } });
  });

  it.each([
    ['cdktf.json changes', (): void => writeFiles(app, { 'cdktf.json': JSON.stringify({ app: 'node main.ts', context: { env: 'prod' } }) })],
    ['a lockfile of the workspace changes', (): void => writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}')],
    ['a source file is added', (): void => writeFiles(app, { 'stacks/catalog.ts': 'export {};' })],
  ])('synthesizes again when %s', async (_what, change) => {
    await synth();
    change();
    const again = await synth();
    expect(again.ok && again.value.cached).toBe(false);
    expect(runs()).toBe(2);
  });

  it('does not cache a failed synth', async () => {
    writeFiles(app, { 'main.ts': "console.log('run ' + Math.random());\nthrow new Error('broken');\n" });
    const results = [await synth(), await synth()];
    expect(results.map((r) => r.ok)).toEqual([false, false]);
    const printed = results.map((r) => (r.ok ? '' : /run (\S+)/.exec(r.message)?.[1]));
    expect(new Set(printed).size).toBe(2);
  });

  it('runs every time without a cache folder', async () => {
    await synth({});
    await synth({});
    expect(runs()).toBe(2);
  });
});
