import { describe, expect, it } from 'vitest';
import { parseTerraformPlan } from '../../../src/engines/terraform/parse-plan-json.ts';
import { TerraformFacts, type TerraformPlan } from '../../../src/engines/terraform/schema.ts';
import { toPlanBody } from '../../../src/engines/terraform/to-plan-body.ts';
import { FIXTURE_NAMES, readFixture } from './fixture-plans.ts';

function plan(json: unknown): TerraformPlan {
  const parsed = parseTerraformPlan(json);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

const body = (json: unknown) => toPlanBody(plan(json), { project: 'infra' });
const facts = (json: unknown) => TerraformFacts.parse(body(json).facts);
const oneChange = (change: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ format_version: '1.2', resource_changes: [{ address: 'aws_instance.web', mode: 'managed', type: 'aws_instance', name: 'web', provider_name: 'registry.terraform.io/hashicorp/aws', ...extra, change }] });

describe('toPlanBody', () => {
  it.each([
    ['basic-create', 'Plan: 3 to add, 0 to change, 0 to destroy.'],
    ['basic-delete', 'Plan: 0 to add, 1 to change, 1 to destroy.'],
    ['basic-update', 'No changes.'],
    ['requires-replace', 'Plan: 1 to add, 0 to change, 1 to destroy.'],
    ['moved', 'Plan: 0 to add, 1 to change, 0 to destroy.'],
    ['tf0.12-basic', 'Plan: 7 to add, 0 to change, 0 to destroy.'],
    ['unknown-output', 'Changes to Outputs: 3 (no resource changes).'],
  ])('summarizes %s as Terraform does', (name, headline) => {
    expect(body(readFixture(name)).summary.headline).toBe(headline);
  });

  it.each(FIXTURE_NAMES)('gives policies facts that match TerraformFacts for %s', (name) => {
    expect(() => facts(readFixture(name))).not.toThrow();
  });

  it('marks deletes and replaces destructive, with replace paths and the reason', () => {
    const replaced = body(readFixture('requires-replace')).changes[0]!;
    expect(replaced).toMatchObject({ action: 'replace', risk: 'destructive' });
    expect(replaced.detail).toEqual(['# destroy, then create', '# because some attribute changes force replacement', '~ ami = "bar" -> "force-replace" # forces replacement', '~ id  = "placeholder" -> (known after apply)']);
    expect(facts(readFixture('requires-replace')).resources[0]).toMatchObject({ replace: true, replacePaths: [['ami']], reason: 'replace_because_cannot_update', actions: ['delete', 'create'] });
  });

  it('masks sensitive values everywhere and shows unknown ones as (known after apply)', () => {
    const result = body(readFixture('sensitive-values'));
    expect(JSON.stringify(result)).not.toContain('boop');
    expect(result.changes[0]!.detail).toEqual(['+ ami = (sensitive)', '+ id  = (known after apply)']);
    expect(TerraformFacts.parse(result.facts).outputs).toEqual([{ name: 'test', actions: ['create'], sensitive: true, before: null, after: '(sensitive)' }]);
    const nested = body(oneChange({ actions: ['update'], before: { tags: { a: 'x' }, list: ['p', 's'] }, after: { tags: { a: 'y' }, list: ['p', 't'] }, before_sensitive: { list: [false, true] }, after_sensitive: { list: [false, true] } }));
    expect(nested.changes[0]!.detail).toEqual(['~ list.1 = (sensitive) -> (sensitive)', '~ tags.a = "x" -> "y"']);
    expect(JSON.stringify(nested)).not.toMatch(/"[st]"/);
    const whole = body(oneChange({ actions: ['update'], before: { password: 'old-secret', db: { pw: 'a' } }, after: { password: 'new-secret', db: { pw: 'a' } }, before_sensitive: { password: true, db: true }, after_sensitive: { password: true, db: true } }));
    expect(whole.changes[0]!.detail).toEqual(['~ password = (sensitive) -> (sensitive)']);
    expect(JSON.stringify(whole)).not.toContain('secret');
  });

  it('reads create-before-destroy, imports, forgets and pure moves', () => {
    const cbd = body(oneChange({ actions: ['create', 'delete'], before: { ami: 'a' }, after: { ami: 'b' } }, { action_reason: 'replace_by_request' }));
    expect(cbd.changes[0]).toMatchObject({ action: 'replace', risk: 'destructive', detail: ['# create before destroy', '# because replacement requested (-replace)', '~ ami = "a" -> "b"'] });
    const imported = body(oneChange({ actions: ['no-op'], before: { ami: 'a' }, after: { ami: 'a' }, importing: { id: 'i-123' } }));
    expect(imported.summary.headline).toBe('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.');
    expect(imported.changes[0]).toMatchObject({ action: 'update', risk: 'none', detail: ['# will be imported (id "i-123")'] });
    const forgotten = body(oneChange({ actions: ['forget'], before: { ami: 'a' }, after: null }));
    expect(forgotten.summary.headline).toBe('Plan: 0 to add, 0 to change, 0 to destroy, 1 to forget.');
    expect(forgotten.changes[0]).toMatchObject({ action: 'delete', risk: 'none' });
    const moved = body(oneChange({ actions: ['no-op'], before: { ami: 'a' }, after: { ami: 'a' } }, { previous_address: 'aws_instance.old' }));
    expect(moved.summary.headline).toBe('Plan: 0 to add, 0 to change, 0 to destroy.');
    expect(moved.changes[0]).toMatchObject({ action: 'update', detail: ['# moved from aws_instance.old'] });
  });

  it('keeps drift out of the changes and in its own list of facts', () => {
    const result = body(readFixture('drift'));
    expect(result.changes.map((c) => c.address)).toEqual(['test_instance.no_refresh', 'test_instance.should_refresh']);
    expect(TerraformFacts.parse(result.facts).drift).toMatchObject([{ address: 'test_instance.should_refresh', action: 'update', detail: ['~ ami = "refresh-me" -> "refreshed"'] }]);
  });

  it('records address, type, provider, tags, stack and project for each resource', () => {
    const json = oneChange({ actions: ['create'], before: null, after: { tags: { owner: 'data', cost: 3 } }, after_unknown: { arn: true } });
    const result = TerraformFacts.parse(toPlanBody(plan(json), { project: 'lake', stack: 'prod' }).facts);
    expect(result).toMatchObject({ mode: 'plan', stateAware: true, project: 'lake', stack: 'prod' });
    expect(result.resources[0]).toEqual({
      address: 'aws_instance.web', type: 'aws_instance', name: 'web', mode: 'managed', provider: 'registry.terraform.io/hashicorp/aws',
      actions: ['create'], action: 'create', replace: false, replacePaths: [], before: null, after: { tags: { owner: 'data', cost: 3 }, arn: '(known after apply)' },
      tags: { owner: 'data' }, project: 'lake', stack: 'prod',
    });
  });

  it('caps the attribute lines of one resource', () => {
    const after = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`attr_${String(i).padStart(3, '0')}`, i]));
    const detail = body(oneChange({ actions: ['create'], before: null, after })).changes[0]!.detail!;
    expect(detail).toHaveLength(101);
    expect(detail.at(-1)).toBe('# … 50 more attribute changes not shown');
  });
});

describe('attribute lines', () => {
  it('expands JSON documents held in strings, such as IAM policies', () => {
    const policy = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', action], Resource: '*' }] });
    const result = body(oneChange({ actions: ['update'], before: { policy: policy('s3:ListBucket') }, after: { policy: policy('s3:PutObject') } }));
    expect(result.changes[0]!.detail).toEqual(['~ policy.Statement.0.Action.1 = "s3:ListBucket" -> "s3:PutObject"']);
  });

  it('shows where two long strings differ instead of hiding the change', () => {
    const script = (tail: string) => `#!/bin/sh\n${'echo starting the service; '.repeat(20)}${tail}`;
    const result = body(oneChange({ actions: ['update'], before: { user_data: script('exit 0') }, after: { user_data: script('exit 1') } }));
    const [line] = result.changes[0]!.detail!;
    expect(line).toMatch(/^~ user_data = ….*exit 0" -> ….*exit 1" \(differs from character \d+\)$/);
  });
});
