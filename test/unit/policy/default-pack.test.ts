import { describe, expect, it } from 'vitest';
import type { ProjectKind } from '../../../src/core/project.ts';
import { TerraformFacts } from '../../../src/engines/terraform/schema.ts';
import { assemblePolicies } from '../../../src/policy/assemble-policies.ts';
import { evaluatePolicies } from '../../../src/policy/evaluate-policies.ts';
import { readServerPolicies } from '../../../src/policy/read-server-policies.ts';
import { subjectFromFixture } from './policy-fixtures.ts';

const pack = assemblePolicies(readServerPolicies([]));

function violationsOf(fixture: string, kind: ProjectKind) {
  const evaluation = evaluatePolicies(pack, [subjectFromFixture(fixture, kind)]);
  expect(evaluation.errors).toEqual([]);
  return Object.fromEntries(evaluation.violations.map((v) => [v.ruleId, v]));
}

describe('the default policy pack', () => {
  it('loads without errors: data, infrastructure and pipeline rules', () => {
    expect(pack.errors).toEqual([]);
    expect(pack.rules.map((r) => r.id)).toEqual([
      'sql-breaking-change-downstream', 'sql-removed-model-with-readers', 'sql-critical-rows-changed', 'sql-new-pii-column', 'sql-failing-tests',
      'infra-stateful-destroy-or-replace', 'infra-public-s3', 'infra-unencrypted-bucket', 'infra-untagged-resources', 'infra-iam-wildcard-action',
      'pipeline-owner-missing', 'pipeline-runbook-missing', 'pipeline-schedule-too-frequent',
    ]);
  });

  it('a breaking model change with downstream consumers needs the model owners', () => {
    const v = violationsOf('sql-breaking-change', 'sql');
    expect(Object.keys(v)).toEqual(['sql-breaking-change-downstream']);
    expect(v['sql-breaking-change-downstream']).toMatchObject({
      effect: 'require_approval', count: 1, owners: ['role:data-platform', 'acme/analytics-owners'],
      message: 'breaking change to marts.orders (read by marts.daily_revenue, marts.customer_ltv)',
    });
    expect(v['sql-breaking-change-downstream']?.items).toHaveLength(1);
  });

  it('removing a model that others read needs approval; an unread one does not', () => {
    const v = violationsOf('sql-removed-model', 'sql');
    expect(Object.keys(v)).toEqual(['sql-removed-model-with-readers']);
    expect(v['sql-removed-model-with-readers']).toMatchObject({
      effect: 'require_approval', owners: ['role:data-platform', 'dana'],
      message: 'removes marts.legacy_orders (still read by marts.daily_revenue, dashboards.revenue)',
    });
  });

  it('a diff changing more than 10% of the rows of a critical model needs approval', () => {
    const v = violationsOf('sql-critical-share', 'sql');
    expect(Object.keys(v)).toEqual(['sql-critical-rows-changed']);
    expect(v['sql-critical-rows-changed']?.message).toBe('marts.revenue changes 25.0% of its rows (critical models: more than 10.0% needs approval)');
  });

  it('the share is configurable by a server override', () => {
    const tuned = assemblePolicies([
      ...readServerPolicies([]),
      { file: 'server.yaml', origin: 'server', text: 'version: 1\noverrides:\n  sql-critical-rows-changed:\n    params: { max_changed_share: 0.3 }\n' },
    ]);
    expect(evaluatePolicies(tuned, [subjectFromFixture('sql-critical-share', 'sql')]).violations).toEqual([]);
  });

  it('a newly exposed pii column needs the privacy role', () => {
    const v = violationsOf('sql-new-pii', 'sql');
    expect(Object.keys(v)).toEqual(['sql-new-pii-column']);
    expect(v['sql-new-pii-column']).toMatchObject({ owners: ['role:privacy'], message: 'newly exposed pii: marts.customers.email, marts.customers.phone' });
  });

  it('failing data tests deny apply', () => {
    const v = violationsOf('sql-failing-tests', 'sql');
    expect(Object.keys(v)).toEqual(['sql-failing-tests']);
    expect(v['sql-failing-tests']).toMatchObject({ effect: 'deny', message: 'data tests fail on the PR build in marts.orders; fix them and push' });
  });

  it('a safe sql plan (additive change, small diff) passes every rule', () => {
    expect(violationsOf('sql-safe', 'sql')).toEqual({});
  });

  it('facts of the real terraform engine match TerraformFacts', () => {
    for (const name of ['tf-plan-replaced-bucket', 'tf-plan-public-bucket', 'tf-plan-untagged-wildcard', 'tf-plan-safe']) {
      expect(TerraformFacts.safeParse(subjectFromFixture(name, 'terraform').facts).success).toBe(true);
    }
  });

  it('replacing a bucket and destroying a database need the platform team', () => {
    const v = violationsOf('tf-plan-replaced-bucket', 'terraform');
    expect(Object.keys(v)).toEqual(['infra-stateful-destroy-or-replace']);
    expect(v['infra-stateful-destroy-or-replace']).toMatchObject({
      effect: 'require_approval', owners: ['role:platform'],
      message: 'aws_s3_bucket.raw is replaced, aws_db_instance.legacy is destroyed: its data is lost unless it is backed up',
    });
    expect(v['infra-stateful-destroy-or-replace']?.items).toHaveLength(2);
  });

  it('public S3 access and an unencrypted new bucket are denied (cdktf too)', () => {
    const v = violationsOf('tf-plan-public-bucket', 'cdktf');
    expect(Object.keys(v).sort()).toEqual(['infra-public-s3', 'infra-unencrypted-bucket']);
    expect(v['infra-public-s3']?.message).toBe('public S3 access: aws_s3_bucket_acl.site, aws_s3_bucket_public_access_block.site, aws_s3_bucket_policy.site');
    expect(v['infra-unencrypted-bucket']?.message).toContain('aws_s3_bucket.site');
  });

  it('untagged resources and "*" IAM actions warn', () => {
    const v = violationsOf('tf-plan-untagged-wildcard', 'terraform');
    expect(Object.keys(v).sort()).toEqual(['infra-iam-wildcard-action', 'infra-untagged-resources']);
    expect(v['infra-untagged-resources']).toMatchObject({ effect: 'warn', message: 'untagged: aws_sqs_queue.events' });
    expect(v['infra-iam-wildcard-action']).toMatchObject({ effect: 'warn', message: '"*" IAM actions in aws_iam_policy.admin' });
  });

  it('a tagged, encrypted, private plan with an in-place database change passes', () => {
    expect(violationsOf('tf-plan-safe', 'terraform')).toEqual({});
  });

  it('a pipeline without runbook or owner is denied; a schedule every minute warns', () => {
    const v = violationsOf('pipeline-no-runbook', 'pipeline');
    expect(Object.keys(v).sort()).toEqual(['pipeline-owner-missing', 'pipeline-runbook-missing', 'pipeline-schedule-too-frequent']);
    expect(v['pipeline-runbook-missing']).toMatchObject({ effect: 'deny', message: 'no runbook: orders-daily; add `runbook:` to the pipeline config' });
    expect(v['pipeline-owner-missing']?.message).toBe('no owner: clicks-stream; add `owner:` to the pipeline config');
    expect(v['pipeline-schedule-too-frequent']).toMatchObject({ effect: 'warn', message: 'clicks-stream runs 1440 times a day (more often than every 5 minutes)' });
  });

  it('a pipeline every 5 minutes with owner and runbook passes; a removed pipeline is not judged', () => {
    expect(violationsOf('pipeline-safe', 'pipeline')).toEqual({});
  });

  it('rules apply only to their kinds', () => {
    const evaluation = evaluatePolicies(pack, [subjectFromFixture('pipeline-no-runbook', 'sql')]);
    expect(evaluation.violations).toEqual([]);
  });
});
