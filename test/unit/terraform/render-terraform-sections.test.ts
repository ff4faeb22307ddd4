import { describe, expect, it } from 'vitest';
import { parseTerraformPlan } from '../../../src/engines/terraform/parse-plan-json.ts';
import { toPlanBody } from '../../../src/engines/terraform/to-plan-body.ts';
import { renderCheckRun } from '../../../src/render/render-check-run.ts';
import { renderSummaryComment } from '../../../src/render/render-summary-comment.ts';
import { renderTerraformSections } from '../../../src/render/render-terraform-sections.ts';
import { makePlan, NOW, planWithBody, project, summary } from '../render/views.ts';
import { readFixture } from './fixture-plans.ts';

function driftOnly() {
  const json = readFixture('drift') as Record<string, unknown>;
  const parsed = parseTerraformPlan({ ...json, resource_changes: [] });
  if (!parsed.ok) throw new Error(parsed.message);
  return toPlanBody(parsed.value, { project: 'infra' });
}

describe('renderTerraformSections', () => {
  it('is empty for plans of other kinds', () => {
    expect(renderTerraformSections(makePlan({ project: 'analytics', kind: 'sql', target: 'warehouse', summary: { headline: 'no changes', add: 0, change: 0, destroy: 0 } }))).toBe('');
    expect(renderTerraformSections(undefined)).toBe('');
  });

  it('shows drift even when the plan has no changes', () => {
    const body = driftOnly();
    expect(body.summary.headline).toBe('No changes.');
    const plan = planWithBody({ project: 'infra', target: 'aws' }, body);
    const markdown = renderSummaryComment(summary([project('infra', 'terraform', 'aws', { status: 'no-changes', plan })]));
    expect(markdown).toContain('No changes: `infra` already matches `aws`.\n\n**Drift:** 1 object changed outside of Terraform');
    expect(markdown).toContain('<code>test_instance.should_refresh</code> changed outside of Terraform</summary>\n\n```diff\n~ ami = "refresh-me" -> "refreshed"\n```');
  });

  it('warns of failed checks even when the plan has no changes', () => {
    const json = readFixture('checks-failed') as Record<string, unknown>;
    const parsed = parseTerraformPlan({ ...json, resource_changes: [] });
    if (!parsed.ok) throw new Error(parsed.message);
    const body = toPlanBody(parsed.value, { project: 'infra' });
    const plan = planWithBody({ project: 'infra', target: 'aws' }, body);
    const markdown = renderSummaryComment(summary([project('infra', 'terraform', 'aws', { status: 'no-changes', plan })]));
    expect(markdown).toContain('No changes: `infra` already matches `aws`.\n\n> ⚠️ **Warning:** 2 checks failed; the plan can still be applied.\n>\n> - `check.dns` (check block) could not be evaluated\n> - `check.status_page` (check block) failed: status.acme.example returned 503, not 200.');
  });

  it('names the stack of drift in a plan of several CDKTF stacks', () => {
    const body = driftOnly();
    const drift = [{ ...body.report.drift[0]!, address: 'aws_vpc.main', action: 'update' as const, detail: ['~ cidr = "a" -> "b"'], stack: 'net' }];
    expect(renderTerraformSections({ ...body, report: { ...body.report, stacks: ['net', 'data'], drift } })).toContain('<code>net/aws_vpc.main</code> changed outside of Terraform');
  });

  it('keeps drift in the summary when the change details move out of it', () => {
    const body = driftOnly();
    const many = Array.from({ length: 400 }, (_, i) => ({ action: 'update' as const, address: `aws_s3_bucket.b${i}`, detail: Array.from({ length: 5 }, (_, j) => `~ attribute_${j} = "${'x'.repeat(20)}" -> "${'y'.repeat(20)}"`) }));
    const plan = planWithBody({ project: 'infra', target: 'aws' }, { ...body, changes: many });
    const output = renderCheckRun({ project: project('infra', 'terraform', 'aws', { status: 'planned', plan }), commandName: 'sluice', now: NOW }, 'plan');
    expect(output.summary).toContain('Details of 400 changes are below.\n\n**Drift:** 1 object changed outside of Terraform');
    expect(output.text).not.toContain('**Drift:**');
  });
});
