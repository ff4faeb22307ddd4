import { describe, expect, it } from 'vitest';
import { hasChanges } from '../../../src/core/plan.ts';
import { diffTerraformConfigs } from '../../../src/engines/terraform/diff-terraform-configs.ts';
import { TerraformFacts } from '../../../src/engines/terraform/schema.ts';
import { renderSummaryComment } from '../../../src/render/render-summary-comment.ts';
import { expectGolden } from '../../golden-file.ts';
import { planWithBody, project, summary } from '../render/views.ts';

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
    expect(result.changes.find((c) => c.address === 'aws_db_instance.main')!.detail).toEqual(['~ password = (sensitive value)']);
    expect(TerraformFacts.parse(result.facts).resources[0]!.after).toEqual({ engine: 'postgres', engine_version: '15', password: '(sensitive value)' });
  });

  it('reads a provider change as a change, not "no changes"', () => {
    const region = (r: string) => ({ provider: { aws: [{ region: r }] }, resource: { aws_s3_bucket: { raw: { bucket: 'acme-raw' } } } });
    const moved = diffTerraformConfigs(region('eu-west-1'), region('us-east-1'), { project: 'p' });
    expect(moved.summary.headline).toBe('Configuration diff (not state-aware): 0 to add, 0 to change, 0 to destroy; 1 provider changed.');
    expect(moved.changes).toEqual([{ action: 'update', address: 'provider.aws', risk: 'none', wording: { verb: 'changes' }, detail: ['~ region = "eu-west-1" -> "us-east-1"'] }]);
    expect(hasChanges(moved)).toBe(true);
    expect(TerraformFacts.parse(moved.facts)).toMatchObject({ resources: [], blocks: [{ address: 'provider.aws', kind: 'provider', action: 'update' }] });
  });

  it('compares providers by alias, the terraform block, data sources, outputs, variables and locals', () => {
    const before = {
      terraform: [{ backend: { s3: [{ bucket: 'acme-state', key: 'lake.tfstate' }] }, required_providers: [{ aws: { source: 'hashicorp/aws', version: '~> 5.0' } }], required_version: '>= 1.5' }],
      provider: { aws: [{ region: 'eu-west-1' }, { alias: 'us', region: 'us-east-1', access_key: 'AKIA-old', secret_key: 'old-secret' }] },
      data: { aws_ami: { web: [{ most_recent: true, owners: ['amazon'] }] } },
      output: { arn: [{ value: '${aws_s3_bucket.raw.arn}' }], dsn: [{ value: 'postgres://app:old@db/app', sensitive: true }] },
      variable: { region: [{ default: 'eu-west-1' }], admin: [{ default: 'old-admin-secret', sensitive: true }] },
      locals: [{ env: 'prod' }, { owner: 'data' }],
    };
    const after = {
      terraform: [{ backend: { gcs: [{ bucket: 'acme-state' }] }, required_providers: [{ aws: { source: 'hashicorp/aws', version: '~> 6.0' } }], required_version: '>= 1.5' }],
      provider: { aws: [{ region: 'eu-west-1' }, { alias: 'us', region: 'us-west-2', access_key: 'AKIA-new', secret_key: 'new-secret' }] },
      data: { aws_ami: { web: [{ most_recent: false, owners: ['amazon'] }] } },
      output: { dsn: [{ value: 'postgres://app:new@db/app', sensitive: true }] },
      variable: { region: [{ default: 'us-west-2' }], admin: [{ default: 'new-admin-secret', sensitive: true }] },
      locals: [{ env: 'staging', owner: 'data' }],
    };
    const result = diffTerraformConfigs(before, after, { project: 'p' });
    expect(result.summary.headline).toBe('Configuration diff (not state-aware): 0 to add, 0 to change, 0 to destroy; 1 data source, 1 provider, 2 terraform settings, 2 outputs, 2 variables, 1 local value changed.');
    const detail = Object.fromEntries(result.changes.map((c) => [c.address, [c.action, c.wording?.verb, ...(c.detail ?? [])]]));
    expect(detail).toEqual({
      'data.aws_ami.web': ['update', 'changes', '~ most_recent = true -> false'],
      'local.env': ['update', 'changes', '~ value = "prod" -> "staging"'],
      'output.arn': ['delete', 'is removed from the configuration', '- value = "${aws_s3_bucket.raw.arn}"'],
      'output.dsn': ['update', 'changes', '~ value = (sensitive value)'],
      'provider.aws.us': ['update', 'changes', '~ access_key = (sensitive value)', '~ region     = "us-east-1" -> "us-west-2"', '~ secret_key = (sensitive value)'],
      'terraform.backend': ['update', 'changes', '+ gcs.bucket = "acme-state"', '- s3.bucket  = "acme-state"', '- s3.key     = "lake.tfstate"'],
      'terraform.required_providers': ['update', 'changes', '~ aws.version = "~> 5.0" -> "~> 6.0"'],
      'var.admin': ['update', 'changes', '~ default = (sensitive value)'],
      'var.region': ['update', 'changes', '~ default = "eu-west-1" -> "us-west-2"'],
    });
    expect(result.changes.every((c) => c.risk === 'none')).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/AKIA|old-secret|new-secret|admin-secret|app:old|app:new/);
  });

  it('masks the value of variables, outputs and locals named like secrets', () => {
    const config = (pw: string) => ({ variable: { db_password: [{ default: pw }] }, output: { api_token: [{ value: pw }] }, locals: [{ client_secret: pw }] });
    const result = diffTerraformConfigs(config('hunter2'), config('hunter3'), { project: 'p' });
    expect(result.changes.map((c) => [c.address, ...(c.detail ?? [])])).toEqual([
      ['local.client_secret', '~ value = (sensitive value)'], ['output.api_token', '~ value = (sensitive value)'], ['var.db_password', '~ default = (sensitive value)'],
    ]);
    expect(JSON.stringify(result)).not.toContain('hunter');
  });

  it('says where each block is, when the locations are known', () => {
    const locations = { base: new Map([['aws_s3_bucket.tmp', { file: 'infra/main.tf', line: 9 }]]), head: new Map([['aws_s3_bucket.raw', { file: 'infra/main.tf', line: 3 }], ['module.vpc', { file: 'infra/vpc.tf.json' }]]) };
    const located = diffTerraformConfigs(base, head, { project: 'lake', locations });
    const first = (address: string) => located.changes.find((c) => c.address === address)!.detail![0];
    expect([first('aws_s3_bucket.raw'), first('aws_s3_bucket.tmp'), first('module.vpc')]).toEqual(['# on infra/main.tf line 3', '# was on infra/main.tf line 9', '# in infra/vpc.tf.json']);
  });

  it('reads hcl2json output (blocks wrapped in arrays) the same way', () => {
    const hcl = { resource: { aws_s3_bucket: { raw: [{ bucket: 'acme-raw', versioning: [{ enabled: true }] }] } } };
    const same = diffTerraformConfigs(hcl, hcl, { project: 'p' });
    expect(same.summary.headline).toBe('Configuration diff (not state-aware): no changes.');
    const changed = diffTerraformConfigs(hcl, { resource: { aws_s3_bucket: { raw: [{ bucket: 'acme-raw', versioning: [{ enabled: false }] }] } } }, { project: 'p' });
    expect(changed.changes[0]!.detail).toEqual(['~ versioning.0.enabled = true -> false']);
  });

  it('renders with the not-state-aware note', () => {
    const plan = planWithBody({ project: 'lake', target: 'aws-prod' }, result);
    const markdown = renderSummaryComment(summary([project('lake', 'cdktf', 'aws-prod', { status: 'planned', plan })]));
    expect(markdown).toContain('**Configuration diff, not state-aware:**');
    expectGolden('terraform-config-diff', markdown);
  });
});
