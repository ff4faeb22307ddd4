import { describe, expect, it } from 'vitest';
import { failure } from '../../../src/core/outcome.ts';
import { renderSummaryComment, SUMMARY_MARKER } from '../../../src/render/render-summary-comment.ts';
import { expectGolden } from '../../golden-file.ts';
import { analyticsPlan, binderError, lakePlan, makePlan, ordersDailyPlan, passing, project, requirements, summary } from './views.ts';

const threeProjects = summary([
  project('analytics', 'sql', 'warehouse', { status: 'planned', plan: analyticsPlan, policy: '⚠️ needs @acme/analytics-owners' }),
  project('lake', 'cdktf', 'aws-prod', { status: 'planned', plan: lakePlan, policy: '✅' }),
  project('orders-daily', 'pipeline', 'scheduler', { status: 'planned', plan: ordersDailyPlan, policy: '✅' }),
], { requirements });

describe('renderSummaryComment', () => {
  it('renders three planned projects, biggest risk first', () => {
    const markdown = renderSummaryComment(threeProjects);
    expect(markdown.startsWith(`${SUMMARY_MARKER}\n### Sluice plan for \`a1b2c3d\` · 3 projects · 🔒 locked by this PR`)).toBe(true);
    expect(markdown).toContain('**To apply all:** comment `sluice apply` · one project: `sluice apply -p analytics`');
    expect(markdown.indexOf('marts.orders')).toBeLessThan(markdown.indexOf('marts.daily_revenue'));
    expectGolden('summary-three-projects', markdown);
  });

  it('renders a failed plan with its location and hint, and how to plan again', () => {
    const view = summary([
      project('analytics', 'sql', 'warehouse', { status: 'failed', failure: binderError }),
      project('lake', 'cdktf', 'aws-prod', { status: 'planned', plan: lakePlan }),
    ], { requirements: requirements.slice(0, 2) });
    const markdown = renderSummaryComment(view);
    expect(markdown).toContain('`models/marts/orders.sql:12:8`');
    expect(markdown).toContain('**To plan again:** push a fix or comment `sluice plan -p analytics`');
    expectGolden('summary-failed-project', markdown);
  });

  it('puts failing tests and destructive changes at the top of the section', () => {
    const plan = makePlan({
      project: 'lake', kind: 'terraform', target: 'aws-prod',
      summary: { headline: 'Plan: 1 to add, 0 to change, 1 to destroy.', add: 1, change: 0, destroy: 1 },
      changes: [
        { action: 'create', address: 'aws_s3_bucket.archive', detail: ['+ bucket = "acme-archive"'] },
        { action: 'replace', address: 'aws_db_instance.main', risk: 'destructive', detail: ['-/+ engine_version = "15" -> "16" # forces replacement'] },
        { action: 'delete', address: 'aws_iam_role.legacy' },
      ],
      tests: [
        ...passing(3, 'check'),
        { name: 'no_public_buckets', status: 'failed', message: 'aws_s3_bucket.archive allows public <read>', location: { file: 'main.tf', line: 3, column: 1 } },
        { name: 'tags_present', status: 'errored', message: 'policy crashed' },
        { name: 'cost_limit', status: 'skipped' },
      ],
    });
    const markdown = renderSummaryComment(summary([project('lake', 'terraform', 'aws-prod', { status: 'planned', plan })]));
    const section = markdown.slice(markdown.indexOf('<a id="lake">'));
    expect(section).toContain('> 🔴 **Risk:** 1 destructive change: `aws_db_instance.main` · 2 failing tests · 1 delete\n');
    const body = section.slice(section.indexOf('**Risk:**')).split('\n').slice(1).join('\n');
    const order = ['no_public_buckets', 'aws_db_instance.main', 'aws_iam_role.legacy', '<code>aws_s3_bucket.archive</code>', 'check_1'].map((s) => body.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order.toSorted((a, b) => a - b)).toEqual(order);
    expect(markdown).toContain('public &lt;read&gt;');
    expectGolden('summary-risky-plan', markdown);
  });

  it('says who holds a lock elsewhere, how long ago, and what to do', () => {
    const view = summary([
      project('analytics', 'sql', 'warehouse', { status: 'locked-elsewhere', lockHolder: { pr: 41, user: 'dana', acquiredAt: '2025-03-14T10:00:00.000Z' } }),
      project('lake', 'cdktf', 'aws-prod', { status: 'planned', plan: lakePlan }),
    ]);
    const markdown = renderSummaryComment(view);
    expect(markdown).toContain('`analytics` is locked by #41 (planned 2 h ago by @dana). Apply or close #41, or comment `sluice unlock` there.');
    expect(markdown).toContain('🔒 locked by this PR · 🔒 1 project locked by another PR');
    expectGolden('summary-lock-held', markdown);
  });

  it('renders applied projects with what ran and how long it took', () => {
    const view = summary([
      project('analytics', 'sql', 'warehouse', {
        status: 'applied', plan: analyticsPlan,
        apply: { summary: '3 models built, 2 swapped into production', durationMs: 72_400, steps: ['CREATE TABLE analytics__pr_42.orders AS …', 'CREATE TABLE analytics__pr_42.daily_revenue AS …', 'ALTER TABLE marts.orders SWAP WITH analytics__pr_42.orders'] },
      }),
      project('lake', 'cdktf', 'aws-prod', {
        status: 'applied', plan: lakePlan,
        apply: { summary: '1 added, 1 changed, 0 destroyed', durationMs: 9_000, steps: ['aws_s3_bucket_lifecycle_configuration.raw: Creation complete after 2s', 'aws_s3_bucket.raw: Modifications complete after 1s'] },
      }),
    ]);
    const markdown = renderSummaryComment(view);
    expect(markdown).toContain('### Sluice apply for');
    expect(markdown).toContain('**Applied** in 1 min 12 s');
    expectGolden('summary-applied', markdown);
  });

  it('renders a failed apply: what failed, whether production changed, what to do next', () => {
    const applyFailure = failure('apply_failed', 'applying lake: aws_s3_bucket.raw: AccessDenied: not authorized to perform s3:PutBucketTagging', {
      location: { file: 'main.ts', line: 31, column: 5 },
    });
    const view = summary([
      project('analytics', 'sql', 'warehouse', { status: 'applied', plan: analyticsPlan, apply: { summary: '3 models built, 2 swapped into production', durationMs: 800, steps: [] } }),
      project('lake', 'cdktf', 'aws-prod', {
        status: 'apply-failed', plan: lakePlan, failure: applyFailure, productionUnchanged: false,
        apply: { summary: '1 added', durationMs: 4_000, steps: ['aws_s3_bucket_lifecycle_configuration.raw: Creation complete after 2s'] },
      }),
    ]);
    const markdown = renderSummaryComment(view);
    expect(markdown).toContain('comment `sluice apply -p lake` to retry');
    expectGolden('summary-apply-failed', markdown);
  });

  it('renders a project without changes', () => {
    const plan = makePlan({ project: 'analytics', kind: 'sql', target: 'warehouse', summary: { headline: 'no changes', add: 0, change: 0, destroy: 0 }, tests: passing(2) });
    const markdown = renderSummaryComment(summary([project('analytics', 'sql', 'warehouse', { status: 'no-changes', plan })]));
    expect(markdown).toContain('Nothing to apply: no project has changes.');
    expect(markdown).not.toContain('To apply');
    expectGolden('summary-no-changes', markdown);
  });

  it('renders interrupted and cancelled projects with how to continue', () => {
    const view = summary([
      project('analytics', 'sql', 'warehouse', { status: 'interrupted', productionUnchanged: true }),
      project('lake', 'cdktf', 'aws-prod', { status: 'cancelled' }),
    ], { holdsLocks: false });
    const markdown = renderSummaryComment(view);
    expect(markdown).toContain('**To plan again:** push a fix or comment `sluice plan`');
    expectGolden('summary-interrupted-cancelled', markdown);
  });

  it('says so when no project is affected', () => {
    expect(renderSummaryComment(summary([], { holdsLocks: false }))).toBe(
      `${SUMMARY_MARKER}\n### Sluice plan for \`a1b2c3d\` · 0 projects\n\nNo projects are affected by this pull request.`,
    );
  });

  it('moves change details to the check runs when the comment would be too long', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ action: 'create' as const, address: `aws_s3_object.file_${i}`, detail: [`+ key = "file_${i}"`, '+ content = "…"'] }));
    const plan = makePlan({ project: 'lake', kind: 'cdktf', target: 'aws-prod', summary: { headline: 'Plan: 400 to add, 0 to change, 0 to destroy.', add: 400, change: 0, destroy: 0 }, changes: many });
    const view = summary([project('lake', 'cdktf', 'aws-prod', { status: 'planned', plan })]);
    expect(renderSummaryComment(view).length).toBeGreaterThan(20_000);
    const compact = renderSummaryComment(view, { limit: 20_000 });
    expect(compact.length).toBeLessThan(20_000);
    expect(compact).toContain('Details of 400 changes are in the check run **sluice/plan: lake**.');
  });

  it('escapes project names and headlines that would break the table', () => {
    const plan = makePlan({ project: 'a|b', kind: 'sql', target: 't', summary: { headline: '1 | 2 <b>', add: 0, change: 1, destroy: 0 }, changes: [{ action: 'update', address: 'x' }] });
    const markdown = renderSummaryComment(summary([project('a|b', 'sql', 't', { status: 'planned', plan })]));
    expect(markdown).toContain('| `a\\|b` | sql | 1 \\| 2 &lt;b&gt; |');
    expect(markdown).toContain('<a id="a-b"></a>');
  });
});
