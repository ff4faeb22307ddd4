/**
 * The StateStore contract: every adapter passes the same suite.
 *
 * `open()` must return a store on the same database each call (so data survives close and reopen). Tests share
 * that database, so each uses its own repository name and leaves no job queued or running behind.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { command } from '../../src/commands/command.ts';
import type { NewJob } from '../../src/core/job.ts';
import type { Lock } from '../../src/core/lock.ts';
import { planSchema, type Plan } from '../../src/core/plan.ts';
import type { PullRequestRef } from '../../src/core/pull-request.ts';
import type { Clock } from '../../src/ports/clock.ts';
import type { PolicyApproval, StateStore } from '../../src/ports/state-store.ts';
import { EMPTY_PAYLOAD } from '../fakes/plan-payloads.ts';

export function newJob(pr: PullRequestRef, overrides: Partial<NewJob> = {}): NewJob {
  return { pr, installationId: 4242, actor: 'alice', request: { type: 'closed', merged: false }, deliveryId: randomUUID(), ...overrides };
}

export function lockOf(pr: PullRequestRef, project: string, overrides: Partial<Lock> = {}): Lock {
  return { repo: pr.repo, project, target: 'prod', pr: pr.number, user: 'alice', acquiredAt: '2024-05-01T10:00:00.000Z', ...overrides };
}

/** A complete sql plan (facts with every default spelled out), so that it reads back equal after the store parses it. */
export function planOf(pr: PullRequestRef, project: string, overrides: Record<string, unknown> = {}): Plan {
  return planSchema.parse({
    id: randomUUID(),
    pr,
    project,
    kind: 'sql',
    target: 'warehouse',
    baseSha: 'base1',
    headSha: 'head1',
    configHash: 'cfg1',
    createdAt: '2024-05-01T10:00:00Z',
    summary: { headline: '1 to add, 1 to change, 0 to destroy', add: 1, change: 1, destroy: 0 },
    changes: [
      { action: 'create', address: 'marts.orders', risk: 'none', detail: ['+ column amount numeric(12, 2)'] },
      { action: 'update', address: 'marts.customers', risk: 'breaking' },
    ],
    tests: [{ name: 'unique_order_id', status: 'passed' }, { name: 'not_null', status: 'failed', message: '3 rows', location: { file: 'models/o.sql', line: 4 } }],
    facts: {
      models: [{
        name: 'marts.orders', change: 'modified', category: 'breaking', reasons: ['amount retyped'], tags: ['critical'], owners: ['acme/data'], downstream: [],
        newPiiColumns: [], rows: { before: 10, added: 10, removed: 0, changed: 0, unchanged: 10 }, changedShare: 1, failingTests: 1,
      }],
      removedModels: [],
      failingTests: 1,
      nested: { deep: [1, 'two', null, true] },
      unicode: 'Größe ✓ "quoted"',
    },
    report: { counts: { added: 0, breaking: 1, 'non-breaking': 0, indirect: 0, removed: 0 }, models: [{ name: 'marts.orders', status: 'breaking', reasons: ['amount retyped'] }], lineage: { nodes: [{ name: 'marts.orders', kind: 'model', status: 'breaking' }], edges: [] }, windowDays: 7 },
    artifacts: {
      engine: 'sql', project, models: [], removed: [], prSchemas: ['marts__pr_1'],
      statements: [{ model: 'marts.orders', sql: 'CREATE TABLE a (id int)' }, { model: 'marts.orders', sql: "INSERT INTO a VALUES (1) -- it's" }],
    },
    annotations: [{ location: { file: 'models/o.sql', line: 3, column: 7 }, level: 'warning', title: 'wide', message: 'select *' }],
    ...overrides,
  });
}

/**
 * `openWithClock` opens a store on a private, empty database that stamps times with `clock` (when the adapter
 * can: every adapter here can).
 */
export function describeStateStoreContract(name: string, open: () => Promise<StateStore>, options: { openWithClock?: (clock: Clock) => Promise<StateStore> } = {}): void {
  describe(`StateStore contract: ${name}`, () => {
    it.runIf(options.openWithClock !== undefined)('stamps job times with the injected clock', async () => {
      let now = new Date('2024-06-01T00:00:00.000Z');
      const clocked = await options.openWithClock!({ now: () => now });
      const [job] = (await clocked.recordDelivery(randomUUID(), [newJob({ repo: 'acme/clocked', number: 1 })])).jobs;
      expect(job?.createdAt).toBe('2024-06-01T00:00:00.000Z');
      now = new Date('2024-06-01T00:01:00.000Z');
      expect((await clocked.claimJob('w1'))?.startedAt).toBe('2024-06-01T00:01:00.000Z');
      now = new Date('2024-06-01T00:02:00.000Z');
      await clocked.finishJob(job?.id ?? '', { status: 'succeeded' });
      expect((await clocked.getJob(job?.id ?? ''))?.finishedAt).toBe('2024-06-01T00:02:00.000Z');
      await clocked.close();
    });

    let store: StateStore;
    let repo: string;
    const used: PullRequestRef[] = [];
    const pr = (number: number, inRepo = repo): PullRequestRef => {
      const ref = { repo: inRepo, number };
      used.push(ref);
      return ref;
    };
    const enqueue = async (...jobs: NewJob[]) => (await store.recordDelivery(randomUUID(), jobs)).jobs;

    beforeEach(async () => {
      store = await open();
      repo = `acme/repo-${randomUUID().slice(0, 8)}`;
    });

    afterEach(async () => {
      for (const ref of used.splice(0)) await store.cancelQueuedJobs(ref);
      await store.interruptRunningJobs();
      await store.close();
    });

    describe('deliveries and jobs', () => {
      it('records a delivery and enqueues its jobs, queued, with their request intact', async () => {
        const a = pr(1);
        const request = { type: 'command', command: command('plan', { project: 'analytics', extraArgs: ['-target=x'] }), commentId: 77 } as const;
        const result = await store.recordDelivery('delivery-1-' + repo, [newJob(a, { request, deliveryId: 'delivery-1-' + repo }), newJob(a, { installationId: undefined })]);
        expect(result.duplicate).toBe(false);
        expect(result.jobs).toHaveLength(2);
        const [first, second] = result.jobs;
        expect(first).toMatchObject({ pr: a, actor: 'alice', installationId: 4242, request, status: 'queued', attempts: 0, deliveryId: 'delivery-1-' + repo });
        expect(first?.id).not.toBe(second?.id);
        expect(second).not.toHaveProperty('installationId');
        expect(first).not.toHaveProperty('startedAt');
        expect(Number.isNaN(Date.parse(first?.createdAt ?? ''))).toBe(false);
        expect(await store.listJobs(a)).toEqual(result.jobs);
        expect(await store.getJob(first?.id ?? '')).toEqual(first);
      });

      it('drops a duplicate delivery id and enqueues nothing', async () => {
        const a = pr(1);
        const id = `dup-${repo}`;
        await store.recordDelivery(id, [newJob(a)]);
        expect(await store.recordDelivery(id, [newJob(a), newJob(a)])).toEqual({ duplicate: true, jobs: [] });
        expect(await store.listJobs(a)).toHaveLength(1);
      });

      it('records a delivery without jobs, so its redelivery is a duplicate too', async () => {
        const id = `empty-${repo}`;
        expect(await store.recordDelivery(id, [])).toEqual({ duplicate: false, jobs: [] });
        expect((await store.recordDelivery(id, [newJob(pr(1))])).duplicate).toBe(true);
      });

      it('claims jobs in creation order and marks them running', async () => {
        const [a, b, c] = [pr(1), pr(2), pr(3)];
        const [j1] = await enqueue(newJob(b));
        const [j2, j3] = await enqueue(newJob(a), newJob(c));
        const claimed = await store.claimJob('worker-1');
        expect(claimed?.id).toBe(j1?.id);
        expect(claimed).toMatchObject({ status: 'running', attempts: 1 });
        expect(claimed?.startedAt).toBeTypeOf('string');
        expect((await store.claimJob('worker-1'))?.id).toBe(j2?.id);
        expect((await store.claimJob('worker-2'))?.id).toBe(j3?.id);
        expect(await store.claimJob('worker-1')).toBeUndefined();
        expect(await store.runningJob(b)).toEqual(claimed);
      });

      it('never claims a later job of a PR while an earlier one is running, but claims other PRs', async () => {
        const [a, b] = [pr(1), pr(2)];
        const [a1, a2] = await enqueue(newJob(a), newJob(a));
        const [b1] = await enqueue(newJob(b));
        expect((await store.claimJob('w1'))?.id).toBe(a1?.id);
        expect((await store.claimJob('w2'))?.id).toBe(b1?.id);
        expect(await store.claimJob('w3')).toBeUndefined();
        await store.finishJob(a1?.id ?? '', { status: 'succeeded' });
        expect((await store.claimJob('w3'))?.id).toBe(a2?.id);
      });

      it('never claims a later job of a PR while an earlier one is still queued', async () => {
        const [a, b] = [pr(1), pr(2)];
        const [a1, a2] = await enqueue(newJob(a), newJob(a));
        const [b1, b2] = await enqueue(newJob(b), newJob(b));
        const claims = [await store.claimJob('w1'), await store.claimJob('w2'), await store.claimJob('w3')];
        expect(claims.map((j) => j?.id)).toEqual([a1?.id, b1?.id, undefined]);
        await store.finishJob(b1?.id ?? '', { status: 'failed', error: 'boom' });
        expect((await store.claimJob('w3'))?.id).toBe(b2?.id);
        await store.finishJob(a1?.id ?? '', { status: 'succeeded' });
        expect((await store.claimJob('w3'))?.id).toBe(a2?.id);
      });

      it('finishes a job with its status, error and finish time', async () => {
        const a = pr(1);
        const [job] = await enqueue(newJob(a));
        await store.claimJob('w1');
        await store.finishJob(job?.id ?? '', { status: 'failed', error: 'planning analytics: boom' });
        const finished = await store.getJob(job?.id ?? '');
        expect(finished).toMatchObject({ status: 'failed', error: 'planning analytics: boom', attempts: 1 });
        expect(finished?.finishedAt).toBeTypeOf('string');
        expect(await store.runningJob(a)).toBeUndefined();
        expect(await store.getJob('no-such-job')).toBeUndefined();
      });

      it('cancels only the queued jobs of one PR, in order, leaving its running job', async () => {
        const [a, b] = [pr(1), pr(2)];
        const [a1, a2, a3] = await enqueue(newJob(a), newJob(a), newJob(a));
        const [b1] = await enqueue(newJob(b));
        await store.claimJob('w1');
        const cancelled = await store.cancelQueuedJobs(a);
        expect(cancelled.map((j) => j.id)).toEqual([a2?.id, a3?.id]);
        expect(cancelled.every((j) => j.status === 'cancelled' && j.finishedAt !== undefined)).toBe(true);
        expect((await store.getJob(a1?.id ?? ''))?.status).toBe('running');
        expect((await store.getJob(b1?.id ?? ''))?.status).toBe('queued');
        expect(await store.cancelQueuedJobs(a)).toEqual([]);
      });

      it('records a cancel request for the running job only, for whichever worker runs it', async () => {
        const [a, b] = [pr(1), pr(2)];
        const [a1, a2] = await enqueue(newJob(a), newJob(a));
        const [b1] = await enqueue(newJob(b));
        expect(await store.requestCancel(a)).toEqual([]);
        await store.claimJob('w1');
        await store.claimJob('w2');
        expect(await store.cancelRequested([a1?.id ?? '', b1?.id ?? ''])).toEqual([]);
        const asked = await store.requestCancel(a);
        expect(asked.map((j) => [j.id, j.status])).toEqual([[a1?.id, 'running']]);
        expect(await store.cancelRequested([a1?.id ?? '', a2?.id ?? '', b1?.id ?? ''])).toEqual([a1?.id]);
        expect(await store.cancelRequested([])).toEqual([]);
        await store.finishJob(a1?.id ?? '', { status: 'cancelled' });
        expect(await store.cancelRequested([a1?.id ?? ''])).toEqual([]);
      });

      it('interrupts running jobs of one worker, or of every worker', async () => {
        const [a, b, c] = [pr(1), pr(2), pr(3)];
        const [a1] = await enqueue(newJob(a));
        const [b1] = await enqueue(newJob(b));
        const [c1] = await enqueue(newJob(c));
        await store.claimJob('w1');
        await store.claimJob('w2');
        await store.claimJob('w2');
        const ofW1 = await store.interruptRunningJobs('w1');
        expect(ofW1.map((j) => j.id)).toEqual([a1?.id]);
        expect(ofW1[0]?.status).toBe('interrupted');
        expect(await store.interruptRunningJobs('w1')).toEqual([]);
        expect((await store.interruptRunningJobs()).map((j) => j.id)).toEqual([b1?.id, c1?.id]);
        expect(await store.runningJob(b)).toBeUndefined();
        expect(await store.claimJob('w1')).toBeUndefined();
      });

      it('keeps PRs with the same number in different repositories apart', async () => {
        const a = pr(1);
        const other = pr(1, `${repo}-other`);
        const [a1] = await enqueue(newJob(a));
        const [o1] = await enqueue(newJob(other));
        expect((await store.claimJob('w1'))?.id).toBe(a1?.id);
        expect((await store.claimJob('w2'))?.id).toBe(o1?.id);
        expect((await store.listJobs(other)).map((j) => j.id)).toEqual([o1?.id]);
      });
    });

    describe('locks', () => {
      it('acquires a free lock and reads it back', async () => {
        const lock = lockOf(pr(1), 'analytics');
        expect(await store.acquireLock(lock)).toEqual({ acquired: true, lock });
        expect(await store.getLock(lock)).toEqual(lock);
        expect(await store.getLock({ repo, project: 'analytics', target: 'staging' })).toBeUndefined();
      });

      it('tells another PR who holds the lock; other projects and targets are independent', async () => {
        const held = lockOf(pr(1), 'analytics');
        await store.acquireLock(held);
        expect(await store.acquireLock(lockOf(pr(2), 'analytics', { user: 'bob' }))).toEqual({ acquired: false, heldBy: held });
        expect((await store.acquireLock(lockOf(pr(2), 'analytics', { target: 'staging' }))).acquired).toBe(true);
        expect((await store.acquireLock(lockOf(pr(2), 'billing'))).acquired).toBe(true);
        expect(await store.getLock(held)).toEqual(held);
      });

      it('lets the holding PR re-acquire its lock, refreshing user and time', async () => {
        const a = pr(1);
        await store.acquireLock(lockOf(a, 'analytics'));
        const again = lockOf(a, 'analytics', { user: 'carol', acquiredAt: '2024-05-02T08:00:00.000Z' });
        expect(await store.acquireLock(again)).toEqual({ acquired: true, lock: again });
        expect(await store.getLock(again)).toEqual(again);
      });

      it('acquires the same key concurrently for one winner only', async () => {
        const attempts = await Promise.all([1, 2, 3, 4, 5].map((n) => store.acquireLock(lockOf(pr(n), 'contended'))));
        const winners = attempts.filter((a) => a.acquired);
        expect(winners).toHaveLength(1);
        const holder = await store.getLock({ repo, project: 'contended', target: 'prod' });
        expect(attempts.every((a) => (a.acquired ? a.lock : a.heldBy).pr === holder?.pr)).toBe(true);
      });

      it('releases a lock only for its owner', async () => {
        const lock = lockOf(pr(1), 'analytics');
        await store.acquireLock(lock);
        expect(await store.releaseLock(lock, 2)).toBe(false);
        expect(await store.getLock(lock)).toEqual(lock);
        expect(await store.releaseLock(lock, 1)).toBe(true);
        expect(await store.getLock(lock)).toBeUndefined();
        expect(await store.releaseLock(lock, 1)).toBe(false);
        expect((await store.acquireLock(lockOf(pr(2), 'analytics'))).acquired).toBe(true);
      });

      it('releases every lock of a PR and lists what is left', async () => {
        const [a, b] = [pr(1), pr(2)];
        const mine = [lockOf(a, 'billing'), lockOf(a, 'analytics', { target: 'dev' }), lockOf(a, 'analytics')];
        const theirs = lockOf(b, 'crm');
        for (const lock of [...mine, theirs]) await store.acquireLock(lock);
        expect(await store.listLocks(repo)).toEqual([mine[1], mine[2], mine[0], theirs]);
        expect(await store.releaseLocksOf(a)).toEqual([mine[1], mine[2], mine[0]]);
        expect(await store.listLocks(repo)).toEqual([theirs]);
        expect(await store.releaseLocksOf(a)).toEqual([]);
        expect(await store.listLocks(`${repo}-nothing`)).toEqual([]);
      });
    });

    describe('plans', () => {
      it('saves plans and lists them in insertion order, deep-equal', async () => {
        const a = pr(1);
        const plans = [planOf(a, 'warehouse'), planOf(a, 'analytics', { ...EMPTY_PAYLOAD.cdktf('analytics'), target: 'aws' }), planOf(a, 'billing', EMPTY_PAYLOAD.terraform('billing'))];
        await store.savePlans(plans);
        expect(await store.listPlans(a)).toEqual(plans);
        expect(await store.listPlans(pr(2))).toEqual([]);
      });

      it("replaces a PR's plan for the same project, leaving other PRs' plans", async () => {
        const [a, b] = [pr(1), pr(2)];
        const old = planOf(a, 'analytics');
        const other = planOf(a, 'billing');
        const theirs = planOf(b, 'analytics');
        await store.savePlans([old, other, theirs]);
        const fresh = planOf(a, 'analytics', { headSha: 'head2', changes: [], facts: { models: [], removedModels: [], failingTests: 0 } });
        await store.savePlans([fresh]);
        expect(await store.listPlans(a)).toEqual([other, fresh]);
        expect(await store.listPlans(b)).toEqual([theirs]);
      });

      it('deletes all plans of a PR, or only those of some projects', async () => {
        const a = pr(1);
        const plans = ['one', 'two', 'three'].map((p) => planOf(a, p));
        await store.savePlans(plans);
        await store.deletePlans(a, ['one', 'three', 'unknown']);
        expect(await store.listPlans(a)).toEqual([plans[1]]);
        await store.deletePlans(a, []);
        expect(await store.listPlans(a)).toEqual([plans[1]]);
        await store.deletePlans(a);
        expect(await store.listPlans(a)).toEqual([]);
      });

      it('marks a plan applied', async () => {
        const a = pr(1);
        const [first, second] = [planOf(a, 'one'), planOf(a, 'two')];
        await store.savePlans([first, second]);
        await store.markApplied(second.id, '2024-05-03T12:00:00.000Z');
        expect(await store.listPlans(a)).toEqual([first, { ...second, appliedAt: '2024-05-03T12:00:00.000Z' }]);
      });
    });

    describe('sticky comments and audit', () => {
      it('stores sticky comment ids per PR', async () => {
        const [a, b] = [pr(1), pr(2)];
        expect(await store.getStickyCommentIds(a)).toEqual([]);
        await store.setStickyCommentIds(a, [3_000_000_001, 3_000_000_002]);
        await store.setStickyCommentIds(b, [5]);
        expect(await store.getStickyCommentIds(a)).toEqual([3_000_000_001, 3_000_000_002]);
        await store.setStickyCommentIds(a, [7]);
        expect(await store.getStickyCommentIds(a)).toEqual([7]);
        expect(await store.getStickyCommentIds(b)).toEqual([5]);
      });

      it('appends audit entries and lists them per PR in order', async () => {
        const [a, b] = [pr(1), pr(2)];
        const entries = [
          { at: '2024-05-01T10:00:00Z', pr: a, actor: 'alice', action: 'plan', detail: { projects: ['analytics'], headSha: 'abc' } },
          { at: '2024-05-01T10:05:00Z', pr: a, actor: 'bob', action: 'apply', detail: { ok: true, nested: { n: 1.5 } } },
        ];
        for (const entry of entries) await store.appendAudit(entry);
        await store.appendAudit({ at: '2024-05-01T11:00:00Z', pr: b, actor: 'carol', action: 'unlock', detail: {} });
        expect(await store.listAudit(a)).toEqual(entries);
        expect(await store.listAudit(b)).toHaveLength(1);
      });
    });

    describe('policy approvals', () => {
      const approval = (ref: PullRequestRef, overrides: Partial<PolicyApproval> = {}): PolicyApproval => ({
        pr: ref, project: 'analytics', ruleId: 'sql-breaking-change', item: 'item-1', approver: 'olivia', approvedAt: '2024-05-01T10:00:00.000Z', ...overrides,
      });

      it('records approvals per PR, in time order, and keeps the first record of a repeated approval', async () => {
        const [a, b] = [pr(1), pr(2)];
        const first = approval(a);
        const second = approval(a, { approver: 'priya', item: 'item-2', approvedAt: '2024-05-01T10:01:00.000Z' });
        await store.addPolicyApprovals([second, first]);
        await store.addPolicyApprovals([{ ...first, approvedAt: '2024-05-02T00:00:00.000Z' }]);
        await store.addPolicyApprovals([approval(b)]);
        await store.addPolicyApprovals([]);
        expect(await store.listPolicyApprovals(a)).toEqual([first, second]);
        expect(await store.listPolicyApprovals(b)).toEqual([approval(b)]);
        expect(await store.listPolicyApprovals(pr(3))).toEqual([]);
      });

      it('withdraws by approver, project and rules, or all of a PR', async () => {
        const [a, b] = [pr(1), pr(2)];
        const rows = [
          approval(a),
          approval(a, { ruleId: 'pii', approvedAt: '2024-05-01T10:01:00.000Z' }),
          approval(a, { project: 'lake', ruleId: 'pii', approvedAt: '2024-05-01T10:02:00.000Z' }),
          approval(a, { approver: 'priya', approvedAt: '2024-05-01T10:03:00.000Z' }),
        ];
        await store.addPolicyApprovals(rows);
        await store.addPolicyApprovals([approval(b)]);
        expect(await store.clearPolicyApprovals(a, { approver: 'olivia', project: 'analytics', ruleIds: ['pii'] })).toBe(1);
        expect(await store.listPolicyApprovals(a)).toEqual([rows[0], rows[2], rows[3]]);
        expect(await store.clearPolicyApprovals(a, { approver: 'olivia' })).toBe(2);
        expect(await store.listPolicyApprovals(a)).toEqual([rows[3]]);
        expect(await store.clearPolicyApprovals(a, { ruleIds: [] })).toBe(0);
        expect(await store.clearPolicyApprovals(a)).toBe(1);
        expect(await store.listPolicyApprovals(a)).toEqual([]);
        expect(await store.listPolicyApprovals(b)).toHaveLength(1);
      });
    });

    it('keeps everything across close and reopen', async () => {
      const a = pr(1);
      const lock = lockOf(a, 'analytics');
      const plan = planOf(a, 'analytics');
      const [job] = await enqueue(newJob(a));
      await store.acquireLock(lock);
      await store.savePlans([plan]);
      await store.setStickyCommentIds(a, [11, 12]);
      await store.appendAudit({ at: '2024-05-01T10:00:00Z', pr: a, actor: 'alice', action: 'plan', detail: { x: 1 } });
      await store.recordDelivery(`persist-${repo}`, []);
      await store.addPolicyApprovals([{ pr: a, project: 'analytics', ruleId: 'r', item: 'i', approver: 'olivia', approvedAt: '2024-05-01T10:00:00Z' }]);
      await store.close();
      store = await open();
      expect(await store.listJobs(a)).toEqual([job]);
      expect(await store.getLock(lock)).toEqual(lock);
      expect(await store.listPlans(a)).toEqual([plan]);
      expect(await store.getStickyCommentIds(a)).toEqual([11, 12]);
      expect(await store.listAudit(a)).toHaveLength(1);
      expect(await store.listPolicyApprovals(a)).toHaveLength(1);
      expect((await store.recordDelivery(`persist-${repo}`, [])).duplicate).toBe(true);
      expect((await store.claimJob('w1'))?.id).toBe(job?.id);
    });
  });
}
