import { describe, expect, it } from 'vitest';
import { parseTerraformPlan, parseTerraformPlanText } from '../../../src/engines/terraform/parse-plan-json.ts';
import { FIXTURE_NAMES, readFixture } from './fixture-plans.ts';

describe('parseTerraformPlan', () => {
  it.each(FIXTURE_NAMES)('reads the recorded plan %s', (name) => {
    const parsed = parseTerraformPlan(readFixture(name));
    expect(parsed.ok, parsed.ok ? '' : parsed.message).toBe(true);
  });

  it('covers every format_version from 0.1 to 1.2 in the fixtures', () => {
    const versions = new Set(FIXTURE_NAMES.map((name) => (readFixture(name) as { format_version: string }).format_version));
    expect([...versions].toSorted()).toEqual(['0.1', '0.2', '1.0', '1.1', '1.2']);
  });

  it('reads an errored plan as errored, with no changes', () => {
    const parsed = parseTerraformPlan(readFixture('plan-error'));
    expect(parsed).toMatchObject({ ok: true, value: { errored: true, resource_changes: [], resource_drift: [], output_changes: {} } });
  });

  it('lets unknown fields through', () => {
    const plan = { format_version: '1.2', relevant_attributes: [{ resource: 'a.b', attribute: ['id'] }], resource_changes: [{ address: 'a.b', change: { actions: ['create'], after: {}, future: 1 } }] };
    const parsed = parseTerraformPlan(plan);
    expect(parsed.ok && parsed.value['relevant_attributes']).toEqual([{ resource: 'a.b', attribute: ['id'] }]);
    expect(parsed.ok && parsed.value.resource_changes[0]!.change['future']).toBe(1);
  });

  it('refuses a format it does not know, and says where a plan is malformed', () => {
    expect(parseTerraformPlan({ format_version: '2.0' })).toMatchObject({ ok: false, code: 'engine_failed', message: 'reading the plan JSON: format_version: Sluice reads plan JSON format_version 0.1 to 1.x' });
    const broken = parseTerraformPlan({ format_version: '1.0', resource_changes: [{ address: 'a.b', change: {} }] });
    expect(broken).toMatchObject({ ok: false, message: expect.stringContaining('resource_changes[0].change.actions:') });
    expect(parseTerraformPlanText('Error: no plan')).toMatchObject({ ok: false, message: expect.stringContaining('not JSON') });
  });
});
