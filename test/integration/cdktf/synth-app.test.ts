import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../src/core/outcome.ts';
import { synthCdktfApp, type SynthResult } from '../../../src/engines/cdktf/synth-app.ts';
import { fixtureApp, makeTempDir, synthOptions } from './cdktf-test-helpers.ts';

/** Real CDKTF apps using @cdktf/provider-aws, synthesized once for the file. */
describe('synthCdktfApp on real CDKTF apps', () => {
  const temp = makeTempDir('cdktf-synth');
  let base: Result<SynthResult>;
  let head: Result<SynthResult>;

  beforeAll(async () => {
    [base, head] = await Promise.all([
      synthCdktfApp(synthOptions(fixtureApp('repo-base/infra/lake'), join(temp.dir, 'base'))),
      synthCdktfApp(synthOptions(fixtureApp('repo-head/infra/lake'), join(temp.dir, 'head'))),
    ]);
  });
  afterAll(() => temp.remove());

  it('lists the stacks of the manifest with their cdk.tf.json', () => {
    expect(base.ok && head.ok).toBe(true);
    if (!head.ok) return;
    expect(head.value.cached).toBe(false);
    expect(head.value.stacks.map((s) => s.name)).toEqual(['catalog', 'lake']);
    const lake = head.value.stacks.find((s) => s.name === 'lake')!;
    expect(lake.configPath).toBe(join(temp.dir, 'head', 'stacks', 'lake', 'cdk.tf.json'));
    expect(JSON.parse(readFileSync(lake.configPath, 'utf8'))).toEqual(lake.config);
    expect(lake.workingDirectory).toBe(join(temp.dir, 'head', 'stacks', 'lake'));
    expect(head.value.inputsHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('synthesizes the provider resources as Terraform JSON', () => {
    if (!head.ok || !base.ok) throw new Error('synth failed');
    const resources = (stack: SynthResult['stacks'][number] | undefined): any => stack?.config['resource'];
    const lake = resources(head.value.stacks.find((s) => s.name === 'lake'));
    expect(lake.aws_s3_bucket.raw).toMatchObject({ bucket: 'sluice-lake-raw', tags: { team: 'data', retention: 'long' } });
    expect(lake.aws_s3_bucket_server_side_encryption_configuration.raw_encryption.rule[0]).toMatchObject({
      apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' }, bucket_key_enabled: true,
    });
    expect(lake.aws_s3_bucket_lifecycle_configuration.raw_lifecycle.rule.map((r: any) => r.id)).toEqual(['expire-tmp', 'archive-raw']);
    const catalog = resources(base.value.stacks.find((s) => s.name === 'catalog'));
    expect(catalog.aws_glue_catalog_database.analytics.name).toBe('analytics');
    expect(catalog.aws_iam_role.crawler.name).toBe('sluice-glue-crawler');
  });

});
