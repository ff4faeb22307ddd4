import { describe, expect, it } from 'vitest';
import { parseTerraformPlan } from '../../../src/engines/terraform/parse-plan-json.ts';
import { toPlanBody } from '../../../src/engines/terraform/to-plan-body.ts';
import { CHECK_RUN_LIMIT, renderCheckRun } from '../../../src/render/render-check-run.ts';
import { renderSummaryComment } from '../../../src/render/render-summary-comment.ts';
import { COMMENT_LIMIT } from '../../../src/render/split-comment.ts';
import { NOW, planWithBody, project, summary } from '../render/views.ts';

const ACTIONS = [['create'], ['update'], ['delete'], ['delete', 'create'], ['read']];

function largePlan(count: number): unknown {
  const resource_changes = Array.from({ length: count }, (_, i) => {
    const actions = ACTIONS[i % ACTIONS.length]!;
    const mode = actions[0] === 'read' ? 'data' : 'managed';
    const before = actions[0] === 'create' || mode === 'data' ? null : { name: `bucket-${i}`, tags: { owner: 'platform' }, size: i };
    const after = actions[0] === 'delete' && actions.length === 1 ? null : { name: `bucket-${i}`, tags: { owner: 'data' }, size: i + 1 };
    const address = `${mode === 'data' ? 'data.' : ''}aws_s3_bucket.b${i}`;
    return { address, mode, type: 'aws_s3_bucket', name: `b${i}`, provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions, before, after, after_unknown: { arn: true } } };
  });
  return { format_version: '1.2', resource_changes };
}

describe('a plan of 2,000 resource changes', () => {
  it('parses, folds and stays within GitHub limits, destroys first', () => {
    const parsed = parseTerraformPlan(largePlan(2000));
    if (!parsed.ok) throw new Error(parsed.message);
    const body = toPlanBody(parsed.value, { project: 'lake' });
    const plan = planWithBody({ project: 'lake', target: 'aws-prod' }, body);
    const view = project('lake', 'terraform', 'aws-prod', { status: 'planned', plan });
    const comment = renderSummaryComment(summary([view]));
    const checkRun = renderCheckRun({ project: view, commandName: 'sluice', now: NOW }, 'plan');
    expect(body.summary.headline).toBe('Plan: 800 to add, 400 to change, 800 to destroy.');
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(comment).toContain('> 🔴 **Risk:** 800 destructive changes: `aws_s3_bucket.b2`, `aws_s3_bucket.b3`, `aws_s3_bucket.b7` and 797 more');
    expect(comment).toContain('Details of 2000 changes are in the check run **sluice/plan: lake**.');
    expect(checkRun.summary.length).toBeLessThanOrEqual(CHECK_RUN_LIMIT);
    const text = checkRun.text ?? '';
    expect(text.length).toBeLessThanOrEqual(CHECK_RUN_LIMIT);
    expect(text.split('</summary>')[0]).toContain('<code>aws_s3_bucket.b2</code> will be destroyed · <b>🔴 destructive</b>');
    expect(text.split('<details>').length).toBe(text.split('</details>').length);
    expect((text.match(/^```/gm) ?? []).length % 2).toBe(0);
  });
});
