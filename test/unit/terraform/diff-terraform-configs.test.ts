import { describe, expect, it } from 'vitest';
import { diffTerraformConfigs } from '../../../src/engines/terraform/diff-terraform-configs.ts';
import { TerraformFacts } from '../../../src/engines/terraform/schema.ts';
import { renderSummaryComment } from '../../../src/render/render-summary-comment.ts';
import { expectGolden } from '../../golden-file.ts';
import { makePlan, project, summary } from '../render/views.ts';

/** Two synthesized CDKTF stacks (`cdk.tf.json`), with CDKTF's `//` metadata. */
const base = {
  '//': { metadata: { backend: 'local', stackName: 'lake', version: '0.21.0' } },
  provider: { aws: [{ region: 'eu-west-1' }] },
  resource: {
    aws_s3_bucket: {
      raw: { '//': { metadata: { path: 'lake/raw' } }, bucket: 'acme-raw', tags: { owner: 'platform' } },
      tmp: { bucket: 'acme-tmp' },
    },
    aws_db_instance: { main: { engine: 'postgres', engine_version: '15', password: 'hunter2' } },
  },
};
const head = {
  ...base,
  resource: {
    aws_s3_bucket: { raw: { bucket: 'acme-raw', tags: { owner: 'data' } } },
    aws_s3_bucket_lifecycle_configuration: { raw: { bucket: '${aws_s3_bucket.raw.id}', rule: [{ id: 'expire-raw', status: 'Enabled', expiration: { days: 90 } }] } },
    aws_db_instance: { main: { engine: 'postgres', engine_version: '15', password: 'hunter3' } },
  },
  module: { vpc: { source: 'terraform-aws-modules/vpc/aws', version: '5.1.0' } },
};

describe('diffTerraformConfigs', () => {
  const result = diffTerraformConfigs(base, head, { project: 'lake', stack: 'lake' });

  it('compares resource by resource and attribute by attribute, labelled not state-aware', () => {
    expect(result.summary).toEqual({ headline: 'Configuration diff (not state-aware): 2 to add, 2 to change, 1 to destroy.', add: 2, change: 2, destroy: 1 });
    expect(result.changes.map((c) => `${c.action} ${c.address}`)).toEqual([
      'update aws_db_instance.main', 'update aws_s3_bucket.raw', 'delete aws_s3_bucket.tmp', 'create aws_s3_bucket_lifecycle_configuration.raw', 'create module.vpc',
    ]);
    expect(result.changes.find((c) => c.address === 'aws_s3_bucket_lifecycle_configuration.raw')!.detail).toEqual([
      '+ bucket                 = "${aws_s3_bucket.raw.id}"',
      '+ rule.0.expiration.days = 90',
      '+ rule.0.id              = "expire-raw"',
      '+ rule.0.status          = "Enabled"',
    ]);
    expect(TerraformFacts.parse(result.facts)).toMatchObject({ mode: 'config-diff', stateAware: false, stack: 'lake' });
  });

  it('never shows secret-named values, and drops CDKTF metadata', () => {
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/hunter|metadata/);
    expect(result.changes.find((c) => c.address === 'aws_db_instance.main')!.detail).toEqual(['~ password = (sensitive) -> (sensitive)']);
    expect(TerraformFacts.parse(result.facts).resources[0]!.after).toEqual({ engine: 'postgres', engine_version: '15', password: '(sensitive)' });
  });

  it('reads hcl2json output (blocks wrapped in arrays) the same way', () => {
    const hcl = { resource: { aws_s3_bucket: { raw: [{ bucket: 'acme-raw', versioning: [{ enabled: true }] }] } } };
    const same = diffTerraformConfigs(hcl, hcl, { project: 'p' });
    expect(same.summary.headline).toBe('Configuration diff (not state-aware): no changes.');
    const changed = diffTerraformConfigs(hcl, { resource: { aws_s3_bucket: { raw: [{ bucket: 'acme-raw', versioning: [{ enabled: false }] }] } } }, { project: 'p' });
    expect(changed.changes[0]!.detail).toEqual(['~ versioning.0.enabled = true -> false']);
  });

  it('renders with the not-state-aware note', () => {
    const plan = { ...makePlan({ project: 'lake', kind: 'cdktf', target: 'aws-prod', summary: result.summary, changes: result.changes }), facts: result.facts };
    const markdown = renderSummaryComment(summary([project('lake', 'cdktf', 'aws-prod', { status: 'planned', plan })]));
    expect(markdown).toContain('**Configuration diff, not state-aware:**');
    expectGolden('terraform-config-diff', markdown);
  });
});
