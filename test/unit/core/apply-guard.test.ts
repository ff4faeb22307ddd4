import { describe, expect, it } from 'vitest';
import { checkApplyGuard, type GuardInput } from '../../../src/core/apply-guard.ts';
import type { Lock } from '../../../src/core/lock.ts';
import type { Plan } from '../../../src/core/plan.ts';
import type { Project } from '../../../src/core/project.ts';
import { EMPTY_PAYLOAD, planOf } from '../../fakes/plan-payloads.ts';

const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);

const project = (name: string, overrides: Partial<Project> = {}): Project => ({
  name, kind: 'sql', dir: name, target: 'default', whenModified: ['**/*.sql'], autoplan: true, dependsOn: [], applyRequirements: ['approved', 'mergeable'], automerge: false, ...overrides,
});

const plan = (name: string, overrides: Partial<Plan> = {}): Plan => planOf({
  ...EMPTY_PAYLOAD.sql(name), id: `plan-${name}`, pr: { repo: 'acme/analytics', number: 7 }, project: name, target: 'default',
  baseSha: BASE, headSha: HEAD, configHash: 'cfg1', createdAt: '2026-11-24T00:00:00Z',
  summary: { headline: '1 to change', add: 0, change: 1, destroy: 0 }, changes: [{ action: 'update', address: 'marts.orders' }], tests: [], annotations: [], ...overrides,
});

const lock = (name: string, pr = 7): Lock => ({ repo: 'acme/analytics', project: name, target: 'default', pr, user: 'dana', acquiredAt: '2026-11-24T00:00:00Z' });

function input(overrides: Partial<GuardInput> = {}): GuardInput {
  return {
    projects: [project('analytics')],
    plans: [plan('analytics')],
    current: { headSha: HEAD, baseSha: BASE, configHash: 'cfg1' },
    prNumber: 7,
    locks: new Map([['analytics', lock('analytics')]]),
    approvals: { approvers: ['priya'], requiredTeams: [], teamApprovers: [] },
    mergeableIgnoringSluice: true,
    undiverged: true,
    policyBlocks: new Map(),
    ...overrides,
  };
}

describe('the apply guard', () => {
  it('lets an approved, mergeable PR with a current plan and its lock apply that plan', () => {
    expect(checkApplyGuard(input())).toEqual({ allowed: true, plans: [plan('analytics')] });
  });

  it('names the missing approval and who can give it', () => {
    const verdict = checkApplyGuard(input({ approvals: { approvers: [], requiredTeams: [], teamApprovers: [] } }));
    expect(verdict).toEqual({ allowed: false, unmet: [{ requirement: 'approved', detail: 'no approval at the current head', who: 'any reviewer other than the author' }] });
  });

  it('needs an approver from a required team when the server names teams', () => {
    const verdict = checkApplyGuard(input({ approvals: { approvers: ['sam'], requiredTeams: ['acme/platform'], teamApprovers: [] } }));
    expect(verdict.allowed).toBe(false);
    expect(!verdict.allowed && verdict.unmet[0]).toMatchObject({ requirement: 'approved', who: '@acme/platform' });
  });

  it('refuses a plan made at an older head commit, naming both commits', () => {
    const verdict = checkApplyGuard(input({ current: { headSha: 'c'.repeat(40), baseSha: BASE, configHash: 'cfg1' } }));
    expect(!verdict.allowed && verdict.unmet).toEqual([{ project: 'analytics', requirement: 'plan_stale', detail: 'the plan is for aaaaaaa, but the head is now ccccccc', who: 'plan' }]);
  });

  it('refuses a plan when the base branch or the configuration moved', () => {
    const moved = checkApplyGuard(input({ current: { headSha: HEAD, baseSha: 'd'.repeat(40), configHash: 'cfg1' } }));
    expect(!moved.allowed && moved.unmet[0]?.detail).toMatch(/base branch moved/);
    const reconfigured = checkApplyGuard(input({ current: { headSha: HEAD, baseSha: BASE, configHash: 'cfg2' } }));
    expect(!reconfigured.allowed && reconfigured.unmet[0]?.detail).toMatch(/configuration changed/);
  });

  it('refuses when another PR holds the lock, or when there is no plan', () => {
    const locked = checkApplyGuard(input({ locks: new Map([['analytics', lock('analytics', 41)]]) }));
    expect(!locked.allowed && locked.unmet[0]).toMatchObject({ requirement: 'lock', detail: expect.stringContaining('#41') });
    const unplanned = checkApplyGuard(input({ plans: [] }));
    expect(!unplanned.allowed && unplanned.unmet[0]).toMatchObject({ requirement: 'plan_missing', project: 'analytics' });
    const nothing = checkApplyGuard(input({ projects: [] }));
    expect(nothing.allowed).toBe(false);
  });

  it('lists every unmet requirement once, not only the first', () => {
    const verdict = checkApplyGuard(input({
      projects: [project('analytics', { applyRequirements: ['approved', 'mergeable', 'undiverged'] }), project('lake', { applyRequirements: ['approved'] })],
      plans: [plan('analytics'), plan('lake')],
      locks: new Map([['analytics', lock('analytics')], ['lake', lock('lake')]]),
      approvals: { approvers: [], requiredTeams: [], teamApprovers: [] },
      mergeableIgnoringSluice: false,
      undiverged: false,
      policyBlocks: new Map([['lake', 'replacing aws_db_instance.main needs @acme/platform']]),
    }));
    expect(!verdict.allowed && verdict.unmet.map((u) => `${u.project ?? '*'}:${u.requirement}`)).toEqual(['*:approved', '*:mergeable', '*:undiverged', 'lake:policy']);
  });

  it('checks only the requirements the project asks for', () => {
    const verdict = checkApplyGuard(input({ projects: [project('analytics', { applyRequirements: [] })], approvals: { approvers: [], requiredTeams: [], teamApprovers: [] }, mergeableIgnoringSluice: false }));
    expect(verdict.allowed).toBe(true);
  });
});
