import { describe, expect, it } from 'vitest';
import { judgePolicies, policyBlockReasons, type ItemApproval } from '../../../src/policy/judge-policies.ts';
import type { PolicyEvaluation, PolicyViolation } from '../../../src/policy/policy-types.ts';

const violation = (overrides: Partial<PolicyViolation> = {}): PolicyViolation => ({
  ruleId: 'breaking', description: 'd', file: 'policies/data.yaml', project: 'analytics', effect: 'require_approval',
  message: 'breaking change to marts.orders', items: ['i1'], owners: ['acme/analytics-owners', 'priya'], count: 1, ...overrides,
});
const evaluation = (...violations: PolicyViolation[]): PolicyEvaluation => ({ violations, errors: [], rulesChecked: 3 });
const approval = (approver: string, item = 'i1', overrides: Partial<ItemApproval> = {}): ItemApproval => ({ project: 'analytics', ruleId: 'breaking', item, approver, ...overrides });

describe('judgePolicies: approvals stick to violation items', () => {
  it('an approval of the current item satisfies a count of 1; one of another rule, project or item does not', () => {
    expect(judgePolicies(evaluation(violation()), [approval('olivia')]).violations[0]).toMatchObject({ status: 'approved', approvedBy: ['olivia'], missing: 0 });
    const unrelated = [approval('olivia', 'gone'), approval('olivia', 'i1', { ruleId: 'other' }), approval('olivia', 'i1', { project: 'lake' })];
    expect(judgePolicies(evaluation(violation()), unrelated).violations[0]).toMatchObject({ status: 'pending', approvedBy: [], missing: 1 });
  });

  it('count needs distinct owners (case-insensitive)', () => {
    const v = violation({ count: 2 });
    expect(judgePolicies(evaluation(v), [approval('Olivia'), approval('olivia')]).violations[0]).toMatchObject({ status: 'pending', missing: 1 });
    expect(judgePolicies(evaluation(v), [approval('olivia'), approval('priya')]).violations[0]).toMatchObject({ status: 'approved', approvedBy: ['olivia', 'priya'] });
  });

  it('a re-plan keeps the approval while the item remains, and asks again for a new item', () => {
    const approvals = [approval('olivia', 'i1')];
    expect(judgePolicies(evaluation(violation({ items: ['i1'] })), approvals).violations[0]?.status).toBe('approved');
    expect(judgePolicies(evaluation(violation({ items: ['i1', 'i2'] })), approvals).violations[0]).toMatchObject({ status: 'pending', missing: 1, approvedBy: ['olivia'] });
  });

  it('warn and deny are never approved; deny, pending and errors block the project', () => {
    const report = judgePolicies({
      violations: [violation(), violation({ ruleId: 'tests', effect: 'deny', message: 'tests fail' }), violation({ ruleId: 'tags', effect: 'warn', project: 'lake' })],
      errors: [{ file: 'server.yaml', ruleId: 'x', project: 'lake', message: 'evaluating when: boom', location: { file: 'server.yaml', line: 4 } }],
      rulesChecked: 5,
    }, [approval('olivia', 'i1', { ruleId: 'tests' })], ['.sluice/policies/a.yaml']);
    expect(report.violations.map((v) => v.status)).toEqual(['pending', 'denied', 'warn']);
    expect(report.changedPolicyFiles).toEqual(['.sluice/policies/a.yaml']);
    expect(policyBlockReasons(report, 'analytics')).toEqual([
      '`tests` denies: tests fail',
      '`breaking` needs 1 more approval from @acme/analytics-owners or @priya: breaking change to marts.orders',
    ]);
    expect(policyBlockReasons(report, 'lake')).toEqual(['policy error: server.yaml:4 (rule x, project lake): evaluating when: boom']);
  });

  it('an error without a project blocks every project; a role without members says so when nobody else can approve', () => {
    const report = judgePolicies({ violations: [violation({ owners: ['role:platform'] })], errors: [{ file: 'x.yaml', message: 'unreadable' }], rulesChecked: 1 }, []);
    expect(policyBlockReasons(report, 'anything')).toEqual(['policy error: x.yaml: unreadable']);
    expect(policyBlockReasons(report, 'analytics')[1]).toContain('from role:platform (no one is configured for role platform)');
  });
});
