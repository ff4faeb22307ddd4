import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Failure } from '../../../src/core/outcome.ts';
import type { PlanBody } from '../../../src/core/plan.ts';
import { createCdktfEngine } from '../../../src/engines/cdktf/cdktf-engine.ts';
import { asPlan, engineContext, fixtureApp, makeTempDir } from './cdktf-test-helpers.ts';

const temp = makeTempDir('cdktf-engine');
afterAll(() => temp.remove());
const cacheDir = join(temp.dir, 'cache');

describe('the cdktf engine without a terraform binary (configuration diff)', () => {
  const synths: { side: string; cached: boolean }[] = [];
  const engine = createCdktfEngine({ cacheDir, timeoutMs: 60_000, onSynth: (e) => synths.push({ side: e.side, cached: e.cached }) });
  let plan: PlanBody | Failure;

  beforeAll(async () => {
    plan = await engine.plan(engineContext(temp.dir));
  });

  it('compares each stack at base and head, addresses prefixed by the stack', () => {
    if ('ok' in plan) throw new Error(plan.message);
    expect(plan.changes.map((c) => [c.action, c.address])).toEqual([
      ['update', 'lake/aws_s3_bucket.raw'],
      ['update', 'lake/aws_s3_bucket_lifecycle_configuration.raw_lifecycle'],
      ['update', 'lake/aws_s3_bucket_versioning.raw_versioning'],
    ]);
    const { changes } = plan;
    const detail = (address: string): readonly string[] => changes.find((c) => c.address === address)?.detail ?? [];
    expect(detail('lake/aws_s3_bucket.raw')).toEqual(['+ tags.retention = "long"']);
    expect(detail('lake/aws_s3_bucket_versioning.raw_versioning')).toEqual(['~ versioning_configuration.status = "Suspended" -> "Enabled"']);
    expect(detail('lake/aws_s3_bucket_lifecycle_configuration.raw_lifecycle').join('\n')).toMatch(/rule\.1\.id\s+= "archive-raw"[\s\S]*rule\.1\.transition\.0\.storage_class = "GLACIER"/);
    expect(plan.summary).toEqual({ headline: 'Configuration diff (not state-aware): 0 to add, 3 to change, 0 to destroy across 2 stacks.', add: 0, change: 3, destroy: 0 });
  });

  it('gives policies Terraform facts with the stack and project of each resource', () => {
    if ('ok' in plan) throw new Error(plan.message);
    expect(plan.facts).toMatchObject({ engine: 'terraform', mode: 'config-diff', stateAware: false, project: 'lake', stacks: ['catalog', 'lake'] });
    const resources = plan.facts['resources'] as { address: string; stack: string; tags: Record<string, string> }[];
    expect(resources.map((r) => `${r.stack} ${r.address}`)).toEqual([
      'lake aws_s3_bucket.raw', 'lake aws_s3_bucket_lifecycle_configuration.raw_lifecycle', 'lake aws_s3_bucket_versioning.raw_versioning',
    ]);
    expect(resources[0]?.tags).toEqual({ team: 'data', retention: 'long' });
    expect(plan.artifacts).toMatchObject({ engine: 'cdktf', mode: 'config-diff', headInputsHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('re-plans an unchanged app without running any synth', async () => {
    const again = await engine.plan(engineContext(temp.dir));
    expect(again).toEqual(plan);
    expect(synths.slice(0, 2).map((s) => s.cached)).toEqual([false, false]);
    expect(synths.slice(2).sort((a, b) => a.side.localeCompare(b.side))).toEqual([{ side: 'base', cached: true }, { side: 'head', cached: true }]);
  });

  it('refuses apply, naming the binary to install', async () => {
    if ('ok' in plan) throw new Error(plan.message);
    const result = await engine.apply(engineContext(temp.dir), asPlan(plan));
    expect(result).toMatchObject({ ok: false, code: 'apply_failed' });
    expect((result as Failure).message).toMatch(/no terraform or tofu binary was found; a configuration diff cannot be applied/);
    expect((result as Failure).hint).toMatch(/Install `terraform` or `tofu` on the Sluice server's PATH, or set `binary` in the target `aws`/);
  });

  it('needs a terraform target', async () => {
    const result = await engine.plan(engineContext(temp.dir, { target: { type: 'duckdb', path: 'w.duckdb', allow_local_apply: true, name: 'default' } }));
    expect(result).toMatchObject({ ok: false, code: 'target_unknown' });
  });

  it('plans every resource as a create when the project is new at head', async () => {
    const empty = makeTempDir('cdktf-empty-base');
    const fresh = await engine.plan(engineContext(temp.dir, { baseDir: empty.dir, artifactDir: join(temp.dir, 'artifacts', 'fresh') }));
    empty.remove();
    if ('ok' in fresh) throw new Error(fresh.message);
    expect(fresh.summary).toMatchObject({ add: 6, change: 0, destroy: 0 });
    expect(fresh.changes.filter((c) => c.address.startsWith('catalog/')).map((c) => c.address)).toEqual([
      'catalog/aws_glue_catalog_database.analytics', 'catalog/aws_iam_role.crawler', 'catalog/provider.aws', 'catalog/terraform.backend', 'catalog/terraform.required_providers',
    ]);
  });

  it('locates a synth error in the repository, at head', async () => {
    const result = await engine.plan(engineContext(temp.dir, { headDir: fixtureApp('.'), dir: 'throws', name: 'throws' }));
    expect(result).toMatchObject({ ok: false, code: 'engine_failed', location: { file: 'throws/naming.ts', line: 5 } });
    expect((result as Failure).message).toMatch(/^synthesizing throws at head: Error: bucket name "data-Raw_Files" is invalid/);
  });

  it('cleanup removes the PR\'s synth output and cache, and is idempotent', async () => {
    const ctx = engineContext(temp.dir);
    expect(existsSync(join(ctx.artifactDir, 'cdktf', 'head', 'manifest.json'))).toBe(true);
    await engine.cleanup(ctx);
    await engine.cleanup(ctx);
    expect(existsSync(join(ctx.artifactDir, 'cdktf'))).toBe(false);
    expect(existsSync(join(cacheDir, 'acme_infra', 'pr-7', 'lake'))).toBe(false);
  });
});
