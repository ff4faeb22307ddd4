/** One job reads a PR's plans and approvals once; its writes reach the store and its own view alike. */
import { describe, expect, it } from 'vitest';
import { loadPullRequestSnapshot } from '../../../src/services/pull-request-snapshot.ts';
import { openInMemoryStateStore } from '../../fakes/in-memory-state-store.ts';
import { planBodyOf } from '../../fakes/plan-payloads.ts';
import type { Plan } from '../../../src/core/plan.ts';

const PR = { repo: 'acme/data', number: 7 };
const planOf = (project: string, id: string): Plan => ({
  ...planBodyOf('sql', project, {}), id, pr: PR, project, target: 'warehouse', baseSha: 'b'.repeat(40), headSha: 'h'.repeat(40),
  configHash: 'c', createdAt: '2025-03-14T10:00:00.000Z',
}) as Plan;

describe('a pull request snapshot', () => {
  it('reads the store once, and keeps, marks and discards plans in the store and in its own view', async () => {
    const store = await openInMemoryStateStore();
    await store.savePlans([planOf('staging', 'p1')]);
    const snapshot = await loadPullRequestSnapshot(store, PR);
    expect(snapshot.plans().map((p) => p.id)).toEqual(['p1']);

    await snapshot.keep(planOf('staging', 'p2'));
    await snapshot.keep(planOf('marts', 'p3'));
    await snapshot.markApplied(planOf('staging', 'p2'), '2025-03-14T11:00:00.000Z');

    expect(snapshot.plans().map((p) => [p.id, p.appliedAt])).toEqual([['p2', '2025-03-14T11:00:00.000Z'], ['p3', undefined]]);
    expect(snapshot.pending().map((p) => p.id)).toEqual(['p3']);
    expect((await store.listPlans(PR)).map((p) => [p.id, p.appliedAt])).toEqual(snapshot.plans().map((p) => [p.id, p.appliedAt]));

    await snapshot.discard(['marts']);
    expect(snapshot.plans().map((p) => p.id)).toEqual(['p2']);
    expect((await store.listPlans(PR)).map((p) => p.id)).toEqual(['p2']);
  });

  it('sees the approvals it adds and withdraws', async () => {
    const store = await openInMemoryStateStore();
    const snapshot = await loadPullRequestSnapshot(store, PR);
    const approval = { pr: PR, project: 'marts', ruleId: 'sql-new-pii-column', item: 'marts.customers.email', approver: 'erin', approvedAt: '2025-03-14T10:00:00.000Z' };

    await snapshot.addApprovals([approval]);
    expect(snapshot.approvals()).toEqual([approval]);
    expect(await snapshot.clearApprovals({ approver: 'erin' })).toBe(1);
    expect(snapshot.approvals()).toEqual([]);
  });
});
