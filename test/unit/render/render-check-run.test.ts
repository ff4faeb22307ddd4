import { describe, expect, it } from 'vitest';
import { failure } from '../../../src/core/outcome.ts';
import { CHECK_RUN_LIMIT, renderCheckRun } from '../../../src/render/render-check-run.ts';
import type { ProjectView } from '../../../src/render/summary-view.ts';
import { expectGolden } from '../../golden-file.ts';
import { analyticsPlan, binderError, lakePlan, makePlan, NOW, project } from './views.ts';

const view = (p: ProjectView) => ({ project: p, commandName: 'sluice', now: NOW });
const noChanges = makePlan({ project: 'lake', kind: 'cdktf', target: 'aws-prod', summary: { headline: 'No changes.', add: 0, change: 0, destroy: 0 } });
const failingTests = makePlan({
  project: 'analytics', kind: 'sql', target: 'warehouse', summary: analyticsPlan.summary, changes: analyticsPlan.changes,
  tests: [{ name: 'positive_amount', status: 'failed', message: '3 rows', location: { file: 'models/marts/orders.sql', line: 4 } }],
});

describe('renderCheckRun', () => {
  it.each<[string, ProjectView, 'plan' | 'apply', string, string]>([
    ['a plan with changes', project('lake', 'cdktf', 'aws-prod', { status: 'planned', plan: lakePlan }), 'plan', 'success', 'Plan: 1 to add, 1 to change, 0 to destroy.'],
    ['a plan whose tests fail', project('analytics', 'sql', 'warehouse', { status: 'planned', plan: failingTests }), 'plan', 'failure', '2 modified (1 breaking), 3 impacted · 1 test failed'],
    ['no changes', project('lake', 'cdktf', 'aws-prod', { status: 'no-changes', plan: noChanges }), 'plan', 'neutral', 'No changes'],
    ['a failed plan', project('analytics', 'sql', 'warehouse', { status: 'failed', failure: binderError }), 'plan', 'failure', `Plan failed: ${binderError.message}`],
    ['a lock held elsewhere', project('analytics', 'sql', 'warehouse', { status: 'locked-elsewhere', lockHolder: { pr: 41, user: 'dana', acquiredAt: NOW } }), 'plan', 'failure', 'Locked by #41'],
    ['an applied project', project('lake', 'cdktf', 'aws-prod', { status: 'applied', plan: lakePlan, apply: { summary: '1 added, 1 changed', steps: [], durationMs: 3000 } }), 'apply', 'success', 'Applied: 1 added, 1 changed'],
    ['a failed apply', project('lake', 'cdktf', 'aws-prod', { status: 'apply-failed', plan: lakePlan, failure: failure('apply_failed', 'applying lake: AccessDenied') }), 'apply', 'failure', 'Apply failed: applying lake: AccessDenied'],
    ['an interrupted run', project('lake', 'cdktf', 'aws-prod', { status: 'interrupted' }), 'plan', 'failure', 'Interrupted'],
    ['a cancelled run', project('lake', 'cdktf', 'aws-prod', { status: 'cancelled' }), 'apply', 'cancelled', 'Cancelled'],
  ])('concludes %s', (_name, p, command, conclusion, title) => {
    const out = renderCheckRun(view(p), command);
    expect(out.conclusion).toBe(conclusion);
    expect(out.title).toBe(title);
    expect(out.text).toBeUndefined();
  });

  it('uses the project section as summary', () => {
    const out = renderCheckRun(view(project('analytics', 'sql', 'warehouse', { status: 'planned', plan: failingTests, policy: '✅' })), 'plan');
    expectGolden('check-run-plan-failing-test', `title: ${out.title}\nconclusion: ${out.conclusion}\n\n${out.summary}`);
  });

  it('moves change details to the text and keeps both within GitHub limits', () => {
    const changes = Array.from({ length: 3000 }, (_, i) => ({ action: 'create' as const, address: `aws_s3_object.file_${i}`, detail: [`+ key = "file_${i}"`, `+ etag = "${'0'.repeat(32)}"`] }));
    const plan = makePlan({ project: 'lake', kind: 'cdktf', target: 'aws-prod', summary: { headline: 'Plan: 3000 to add, 0 to change, 0 to destroy.', add: 3000, change: 0, destroy: 0 }, changes });
    const out = renderCheckRun(view(project('lake', 'cdktf', 'aws-prod', { status: 'planned', plan })), 'plan');
    expect(out.summary.length).toBeLessThanOrEqual(CHECK_RUN_LIMIT);
    expect(out.summary).toContain('Details of 3000 changes are below.');
    expect(out.text!.length).toBeLessThanOrEqual(CHECK_RUN_LIMIT);
    expect(out.text!.endsWith('</details>\n\n_(truncated: too long for a check run)_')).toBe(true);
    expect(out.text!.split('\n').filter((l) => l === '```diff').length).toBe(out.text!.split('\n').filter((l) => l === '```').length);
  });

  it('shortens a long title (redaction is left to the code-host boundary)', () => {
    const message = `planning lake: ${'word '.repeat(60)}`;
    const out = renderCheckRun(view(project('lake', 'cdktf', 'aws-prod', { status: 'failed', failure: failure('engine_failed', message) })), 'plan');
    expect(out.title.length).toBe(120);
    expect(out.title).toMatch(/^Plan failed: planning lake: word word .*…$/);
  });
});
