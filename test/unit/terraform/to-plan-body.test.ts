import { describe, expect, it } from 'vitest';
import { hasChanges } from '../../../src/core/plan.ts';
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
    expect(result.changes[0]!.detail).toEqual(['+ ami = (sensitive value)', '+ id  = (known after apply)']);
    expect(TerraformFacts.parse(result.facts).outputs).toEqual([{ name: 'test', actions: ['create'], sensitive: true, before: null, after: '(sensitive value)' }]);
    const nested = body(oneChange({ actions: ['update'], before: { tags: { a: 'x' }, list: ['p', 's'] }, after: { tags: { a: 'y' }, list: ['p', 't'] }, before_sensitive: { list: [false, true] }, after_sensitive: { list: [false, true] } }));
    expect(nested.changes[0]!.detail).toEqual(['~ list.1 = (sensitive value)', '~ tags.a = "x" -> "y"']);
    expect(JSON.stringify(nested)).not.toMatch(/"[st]"/);
    const whole = body(oneChange({ actions: ['update'], before: { password: 'old-secret', db: { pw: 'a' } }, after: { password: 'new-secret', db: { pw: 'a' } }, before_sensitive: { password: true, db: true }, after_sensitive: { password: true, db: true } }));
    expect(whole.changes[0]!.detail).toEqual(['~ password = (sensitive value)']);
    expect(JSON.stringify(whole)).not.toContain('secret');
  });

  it('masks both sides when only one side is marked sensitive, in details and in facts', () => {
    const afterOnly = body(oneChange({ actions: ['update'], before: { value: 'https://old.example' }, after: { value: 'https://new.example' }, before_sensitive: {}, after_sensitive: { value: true } }));
    expect(afterOnly.changes[0]!.detail).toEqual(['~ value = (sensitive value)']);
    expect(facts(oneChange({ actions: ['update'], before: { value: 'https://old.example' }, after: { value: 'https://new.example' }, before_sensitive: {}, after_sensitive: { value: true } })).resources[0]).toMatchObject({ before: { value: '(sensitive value)' }, after: { value: '(sensitive value)' } });
    const beforeOnly = body(oneChange({ actions: ['update'], before: { token: 'tok-old' }, after: { token: 'tok-new' }, before_sensitive: { token: true }, after_sensitive: {} }));
    expect(beforeOnly.changes[0]!.detail).toEqual(['~ token = (sensitive value)']);
    expect(JSON.stringify([afterOnly, beforeOnly])).not.toMatch(/old\.example|new\.example|tok-/);
  });

  it('shows a sensitive map as one line, without its keys, and a sensitive attribute inside a list of blocks by its path', () => {
    const env = (variables: Record<string, string>) => ({ environment: [{ variables }] });
    const map = body(oneChange({
      actions: ['update'], before: env({ DB_HOST: 'db', DB_PASSWORD: 'a' }), after: env({ DB_HOST: 'db', DB_PASSWORD: 'b', API_TOKEN: 'c' }),
      before_sensitive: { environment: [{ variables: true }] }, after_sensitive: { environment: [{ variables: true }] },
    }));
    expect(map.changes[0]!.detail).toEqual(['~ environment.0.variables = (sensitive value)']);
    expect(JSON.stringify(map)).not.toMatch(/DB_PASSWORD|API_TOKEN|DB_HOST/);
    const unchanged = body(oneChange({ actions: ['update'], before: { name: 'a', ...env({ K: 'v' }) }, after: { name: 'b', ...env({ K: 'v' }) }, before_sensitive: { environment: [{ variables: true }] }, after_sensitive: { environment: [{ variables: true }] } }));
    expect(unchanged.changes[0]!.detail).toEqual(['~ name = "a" -> "b"']);
    const users = (password: string) => ({ user: [{ username: 'admin', password }] });
    const blocks = body(oneChange({ actions: ['update'], before: users('p1'), after: users('p2'), before_sensitive: { user: [{ password: true }] }, after_sensitive: { user: [{ password: true }] } }));
    expect(blocks.changes[0]!.detail).toEqual(['~ user.0.password = (sensitive value)']);
    const added = body(oneChange({ actions: ['create'], before: null, after: { labels: { owner: 'x' } }, before_sensitive: false, after_sensitive: { labels: true } }));
    expect(added.changes[0]!.detail).toEqual(['+ labels = (sensitive value)']);
  });

  it('masks secret-named attributes and outputs of plans that carry no sensitivity marks (Terraform 0.12-0.14)', () => {
    const plan0 = (change: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ ...oneChange(change), format_version: '0.1', ...extra });
    const result = body(plan0({ actions: ['update'], before: { master_password: 'old-pw', get_password_data: false, name: 'db', environment: { DB_PASSWORD: 'x', HOST: 'h' } }, after: { master_password: 'new-pw', get_password_data: true, name: 'db', environment: { DB_PASSWORD: 'y', HOST: 'h' } } }));
    expect(result.changes[0]!.detail).toEqual(['~ environment.DB_PASSWORD = (sensitive value)', '~ get_password_data       = false -> true', '~ master_password         = (sensitive value)']);
    expect(TerraformFacts.parse(result.facts).resources[0]).toMatchObject({ before: { master_password: '(sensitive value)', environment: { DB_PASSWORD: '(sensitive value)', HOST: 'h' } }, after: { master_password: '(sensitive value)' } });
    const outputs = body(plan0({ actions: ['no-op'], before: {}, after: {} }, {
      output_changes: { api_token: { actions: ['create'], before: null, after: 'tok-1' }, url: { actions: ['create'], before: null, after: 'https://x' }, dsn: { actions: ['create'], before: null, after: 'postgres://u:pw@h/db' } },
      planned_values: { outputs: { dsn: { sensitive: true } } },
    }));
    expect(outputs.changes.find((c) => c.address === 'outputs')!.detail).toEqual(['+ api_token = (sensitive value)', '+ dsn       = (sensitive value)', '+ url       = "https://x"']);
    expect(TerraformFacts.parse(outputs.facts).outputs.map((o) => [o.name, o.sensitive, o.after])).toEqual([['api_token', true, '(sensitive value)'], ['url', false, 'https://x'], ['dsn', true, '(sensitive value)']]);
    expect(JSON.stringify([result, outputs])).not.toMatch(/old-pw|new-pw|tok-1|u:pw/);
  });

  it('words moves, imports and forgets as Terraform does', () => {
    const cbd = body(oneChange({ actions: ['create', 'delete'], before: { ami: 'a' }, after: { ami: 'b' } }, { action_reason: 'replace_by_request' }));
    expect(cbd.changes[0]).toMatchObject({ action: 'replace', risk: 'destructive', wording: { verb: 'will be replaced, as requested' }, detail: ['# create before destroy', '~ ami = "a" -> "b"'] });
    const imported = body(oneChange({ actions: ['no-op'], before: { ami: 'a' }, after: { ami: 'a' }, importing: { id: 'i-123' } }));
    expect(imported.summary.headline).toBe('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.');
    expect(imported.changes[0]).toMatchObject({ action: 'update', risk: 'none', wording: { verb: 'will be imported' }, detail: ['# imported from "i-123"'] });
    const importedAndChanged = body(oneChange({ actions: ['update'], before: { ami: 'a' }, after: { ami: 'b' }, importing: { id: 'i-123' } }));
    expect(importedAndChanged.changes[0]).toMatchObject({ wording: { verb: 'will be updated in-place' }, detail: ['# imported from "i-123"', '~ ami = "a" -> "b"'] });
    const forgotten = body(oneChange({ actions: ['forget'], before: { ami: 'a' }, after: null }));
    expect(forgotten.summary.headline).toBe('Plan: 0 to add, 0 to change, 0 to destroy, 1 to forget.');
    expect(forgotten.changes[0]).toMatchObject({ action: 'delete', risk: 'none', wording: { verb: 'will no longer be managed by Terraform, but will not be destroyed' } });
    const deposed = body(oneChange({ actions: ['forget'], before: { ami: 'a' }, after: null }, { deposed: '00000001' }));
    expect(deposed.changes[0]!.wording).toEqual({ verb: 'will be removed from Terraform state, but will not be destroyed' });
    const replacedKept = body(oneChange({ actions: ['create', 'forget'], before: { ami: 'a' }, after: { ami: 'b' } }));
    expect(replacedKept.summary.headline).toBe('Plan: 1 to add, 0 to change, 0 to destroy, 1 to forget.');
    expect(replacedKept.changes[0]).toMatchObject({ action: 'replace', risk: 'none', wording: { verb: 'must be replaced, but the existing object will not be destroyed' } });
    const moved = body(oneChange({ actions: ['no-op'], before: { ami: 'a' }, after: { ami: 'a' } }, { previous_address: 'aws_instance.old' }));
    expect(moved.summary.headline).toBe('Plan: 0 to add, 0 to change, 0 to destroy.');
    expect(moved.changes[0]).toMatchObject({ action: 'update', wording: { subject: 'aws_instance.old', verb: 'has moved to' }, detail: [] });
    const movedAndChanged = body(oneChange({ actions: ['update'], before: { ami: 'a' }, after: { ami: 'b' } }, { previous_address: 'aws_instance.old' }));
    expect(movedAndChanged.changes[0]).toMatchObject({ wording: { verb: 'will be updated in-place, moved from', object: 'aws_instance.old' }, detail: ['~ ami = "a" -> "b"'] });
  });

  it('leaves out the delete of a data source, as Terraform does', () => {
    const json = oneChange({ actions: ['delete'], before: { id: 'x' }, after: null }, { mode: 'data', address: 'data.aws_ami.web' });
    expect(body(json)).toMatchObject({ changes: [], summary: { headline: 'No changes.' } });
  });

  it('lists failed checks as warnings, in the facts and after the summary line', () => {
    const result = body(readFixture('checks-failed'));
    expect(result.summary.headline).toBe('Plan: 1 to add, 0 to change, 0 to destroy. Warning: 2 checks failed.');
    expect(TerraformFacts.parse(result.facts).checks).toEqual([
      { address: 'check.dns', kind: 'check', status: 'error', problems: [] },
      { address: 'check.status_page', kind: 'check', status: 'fail', problems: ['status.acme.example returned 503, not 200.'] },
    ]);
    expect(facts(readFixture('basic-create')).checks).toEqual([]);
    expect(result.report.checks).toEqual(TerraformFacts.parse(result.facts).checks);
    const noChanges = body({ format_version: '1.2', checks: [{ address: { kind: 'check', to_display: 'check.a' }, status: 'fail', instances: [{ address: { to_display: 'check.a' }, status: 'fail', problems: [{ message: 'down' }] }] }] });
    expect(noChanges.summary.headline).toBe('No changes. Warning: 1 check failed.');
  });

  it('invokes actions: a plan of only action invocations is not "No changes."', () => {
    const result = body(readFixture('action-invocations'));
    expect(result.summary.headline).toBe('Plan: 0 to add, 0 to change, 0 to destroy. Actions: 1 to invoke.');
    expect(hasChanges(result)).toBe(true);
    expect(result.changes).toEqual([{
      action: 'update', address: 'action.aws_lambda_invoke.notify', risk: 'none', wording: { verb: 'will be invoked' },
      detail: ['  client_context      = (sensitive value)', '  function_name       = "notify-deploys"', '  payload.environment = "prod"', '  payload.message     = "deploy finished"'],
    }]);
    expect(TerraformFacts.parse(result.facts).actions).toEqual([{ address: 'action.aws_lambda_invoke.notify', type: 'aws_lambda_invoke', provider: 'registry.terraform.io/hashicorp/aws', config: { client_context: '(sensitive value)', function_name: 'notify-deploys', payload: '{"environment":"prod","message":"deploy finished"}', qualifier: null } }]);
    expect(JSON.stringify(result)).not.toContain('eyJzb3VyY2Ui');
  });

  it('lists the actions a resource change triggers with the resource, and counts them', () => {
    const json = { ...oneChange({ actions: ['create'], before: null, after: { ami: 'a' } }), action_invocations: [
      { address: 'action.aws_lambda_invoke.warm', type: 'aws_lambda_invoke', name: 'warm', provider_name: 'registry.terraform.io/hashicorp/aws', config_values: {}, lifecycle_action_trigger: { triggering_resource_address: 'aws_instance.web', action_trigger_event: 'AfterCreate', action_trigger_block_index: 0, actions_list_index: 0 } },
      { address: 'action.aws_lambda_invoke.drain', type: 'aws_lambda_invoke', name: 'drain', provider_name: 'registry.terraform.io/hashicorp/aws', config_values: {}, lifecycle_action_trigger: { triggering_resource_address: 'aws_instance.web', action_trigger_event: 'BeforeCreate', action_trigger_block_index: 0, actions_list_index: 1 } },
    ] };
    const result = body(json);
    expect(result.summary.headline).toBe('Plan: 1 to add, 0 to change, 0 to destroy. Actions: 2 to invoke.');
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]!.detail).toEqual(['# then invokes action.aws_lambda_invoke.warm (AfterCreate)', '# first invokes action.aws_lambda_invoke.drain (BeforeCreate)', '+ ami = "a"']);
    expect(TerraformFacts.parse(result.facts).actions![0]).toMatchObject({ triggeredBy: { address: 'aws_instance.web', event: 'AfterCreate' } });
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
