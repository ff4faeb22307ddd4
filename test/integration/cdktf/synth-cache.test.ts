import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { synthCdktfApp } from '../../../src/engines/cdktf/synth-app.ts';
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

const synth = (extra: { cacheDir?: string } = { cacheDir }) => synthCdktfApp(synthOptions(app, out, { rootDir: root, ...extra }));
const runs = (): number => (existsSync(join(app, 'cdktf.out', 'runs.log')) ? readFileSync(join(app, 'cdktf.out', 'runs.log'), 'utf8').split('\n').length - 1 : 0);

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

  it('ignores installed packages and CDKTF output folders', async () => {
    await synth();
    writeFiles(app, { 'node_modules/cdktf/index.js': 'module.exports = {};', 'cdktf.out/stacks/old/cdk.tf.json': '{}' });
    const again = await synth();
    expect(again.ok && again.value.cached).toBe(true);
    expect(runs()).toBe(1);
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
    writeFiles(app, {
      'main.ts': "import { appendFileSync, mkdirSync } from 'node:fs';\nmkdirSync('cdktf.out', { recursive: true });\n"
        + "appendFileSync('cdktf.out/runs.log', 'synth\\n');\nthrow new Error('broken');\n",
    });
    const results = [await synth(), await synth()];
    expect(results.map((r) => r.ok)).toEqual([false, false]);
    expect(runs()).toBe(2);
  });

  it('runs every time without a cache folder', async () => {
    await synth({});
    await synth({});
    expect(runs()).toBe(2);
  });
});
