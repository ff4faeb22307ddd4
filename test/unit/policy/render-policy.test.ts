import { describe, expect, it } from 'vitest';
import { renderPolicyCheckRun } from '../../../src/render/render-policy-check-run.ts';
import { renderNothingToApprove, renderPolicyApprovalWithdrawn, renderPolicyApproved } from '../../../src/render/render-policy-replies.ts';
import { policyCell, renderPolicySection } from '../../../src/render/render-policy-section.ts';
import { renderSummaryComment } from '../../../src/render/render-summary-comment.ts';
import type { PolicyRowView, PolicyView } from '../../../src/render/summary-view.ts';

const row = (overrides: Partial<PolicyRowView> = {}): PolicyRowView => ({
  project: 'analytics', ruleId: 'sql-breaking-change-downstream', effect: 'require_approval', status: 'pending',
  message: 'breaking change to marts.orders (read by marts.daily_revenue)', owners: ['role:data-platform', 'acme/analytics-owners'],
  approvedBy: [], count: 1, missing: 1, ...overrides,
});
const view = (overrides: Partial<PolicyView> = {}): PolicyView => ({ rows: [], errors: [], rulesChecked: 13, changedPolicyFiles: [], ...overrides });
const options = { commandName: 'sluice' };

describe('the policy section of the summary comment', () => {
  it('lists what blocks first, with who can approve, who approved, and the approve command', () => {
    const rows = [
      row({ project: 'lake', ruleId: 'infra-untagged-resources', effect: 'warn', status: 'warn', message: 'untagged: aws_sqs_queue.events', owners: [] }),
      row(),
      row({ project: 'lake', ruleId: 'infra-public-s3', effect: 'deny', status: 'denied', message: 'public S3 access: aws_s3_bucket_acl.site | x', owners: [] }),
      row({ ruleId: 'sql-new-pii-column', status: 'approved', owners: ['acme/privacy'], approvedBy: ['olivia'], missing: 0 }),
    ];
    expect(renderPolicySection(view({ rows }), options)).toBe([
      '#### Policies',
      '',
      '| project | rule | effect | message | can approve | approved by |',
      '| --- | --- | --- | --- | --- | --- |',
      '| `lake` | `infra-public-s3` | ⛔ denied | public S3 access: aws_s3_bucket_acl.site \\| x | — | — |',
      '| `analytics` | `sql-breaking-change-downstream` | ⏳ needs approval (0 of 1) | breaking change to marts.orders (read by marts.daily_revenue) | @acme/analytics-owners | — |',
      '| `analytics` | `sql-new-pii-column` | ✅ approved | breaking change to marts.orders (read by marts.daily_revenue) | @acme/privacy | @olivia |',
      '| `lake` | `infra-untagged-resources` | ⚠️ warning | untagged: aws_sqs_queue.events | — | — |',
      '',
      '**To approve:** a listed owner comments `sluice approve_policies -p analytics` (add `--policy RULE` to approve one rule); the author of the pull request cannot approve its own policies.',
    ].join('\n'));
  });

  it('says when everything passed, shows errors (fail closed) and edited policy files', () => {
    expect(renderPolicySection(view(), options)).toBe('#### Policies\n\n✅ 13 policy checks passed.');
    expect(renderPolicySection(undefined, options)).toBe('');
    const text = renderPolicySection(view({ errors: ['server.yaml:4 (rule r): when: Unknown variable: x'], changedPolicyFiles: ['.sluice/policies/a.yaml'] }), options);
    expect(text).toContain('❌ **Policies could not be evaluated**: apply is blocked until this is fixed (fail closed).\n\n- server.yaml:4 (rule r): when: Unknown variable: x');
    expect(text).toContain('ℹ️ This pull request edits policy files (`.sluice/policies/a.yaml`). It is judged by the default branch\'s version of them; the policy change itself applies after merge.');
  });

  it('gives each project a one-line cell', () => {
    const rows = [row(), row({ project: 'lake', effect: 'warn', status: 'warn', owners: [] }), row({ project: 'orders', status: 'approved', missing: 0 })];
    expect(policyCell(view({ rows }), 'analytics')).toBe('⏳ needs @acme/analytics-owners');
    expect(policyCell(view({ rows }), 'lake')).toBe('⚠️ 1 warning');
    expect(policyCell(view({ rows }), 'orders')).toBe('✅ approved');
    expect(policyCell(view({ rows }), 'other')).toBe('✅');
    expect(policyCell(view({ rows: [row({ status: 'denied', effect: 'deny' })] }), 'analytics')).toBe('⛔ denied by sql-breaking-change-downstream');
    expect(policyCell(view({ errors: ['x'] }), 'analytics')).toBe('❌ policy error');
    expect(policyCell(view({ rows: [row({ owners: ['role:platform'] })] }), 'analytics')).toBe('⏳ needs role:platform (no one is configured for role platform)');
  });

  it('appears in the summary comment after the next steps', () => {
    const comment = renderSummaryComment({
      headSha: 'a1b2c3d4e5f6', projects: [], requirements: [], holdsLocks: false, commandName: 'sluice', now: '2025-01-01T00:00:00Z', policy: view({ rows: [row()] }),
    });
    expect(comment).not.toContain('#### Policies'); // no project: nothing was planned
  });
});

describe('the sluice/policy check run', () => {
  it('fails while a policy errors, denies or waits for approval; passes otherwise', () => {
    expect(renderPolicyCheckRun(view({ errors: ['e'] }), options)).toMatchObject({ conclusion: 'failure', title: 'Policies could not be evaluated (1 error)' });
    expect(renderPolicyCheckRun(view({ rows: [row({ status: 'denied' })] }), options)).toMatchObject({ conclusion: 'failure', title: 'Denied by 1 policy' });
    expect(renderPolicyCheckRun(view({ rows: [row(), row({ ruleId: 'b' })] }), options)).toMatchObject({ conclusion: 'failure', title: '2 policies need approval' });
    expect(renderPolicyCheckRun(view({ rows: [row({ status: 'warn' })] }), options)).toMatchObject({ conclusion: 'success', title: '13 policy checks passed with 1 warning' });
    expect(renderPolicyCheckRun(view({ rulesChecked: 0 }), options)).toMatchObject({ conclusion: 'success', title: 'No policy applies' });
    expect(renderPolicyCheckRun(view({ rows: [row()] }), options).summary).toMatch(/^\| project \| rule/);
  });
});

describe('replies to approve_policies', () => {
  it('says what was approved and what still waits', () => {
    expect(renderPolicyApproved({ actor: 'olivia', approved: [row()], remaining: [], commandName: 'sluice' }))
      .toBe('✅ @olivia approved `sql-breaking-change-downstream` on `analytics`. No policy approval is missing any more; comment `sluice apply` to apply.');
    expect(renderPolicyApproved({ actor: 'olivia', approved: [row()], remaining: [row({ project: 'lake', ruleId: 'infra-x', owners: ['acme/platform'], count: 2, missing: 2 })], commandName: 'sluice' }))
      .toBe('✅ @olivia approved `sql-breaking-change-downstream` on `analytics`.\n\nStill waiting for:\n\n- ⏳ `infra-x` on `lake`: 2 more from @acme/platform');
  });

  it('withdrawals and nothing to approve', () => {
    expect(renderPolicyApprovalWithdrawn({ actor: 'olivia', count: 2 })).toMatch(/^↩️ @olivia withdrew 2 policy approvals/);
    expect(renderPolicyApprovalWithdrawn({ actor: 'olivia', count: 0 })).toMatch(/^Nothing to withdraw/);
    expect(renderNothingToApprove({ pending: [], filtered: false })).toBe('Nothing to approve: no policy of this pull request needs an approval.');
    expect(renderNothingToApprove({ pending: [row()], filtered: true }))
      .toBe('❓ Nothing to approve for the project or rule named; policies waiting for approval: `sql-breaking-change-downstream` on `analytics`.');
  });
});
