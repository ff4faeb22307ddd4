import { afterEach, describe, expect, it } from 'vitest';
import { command } from '../../src/commands/command.ts';
import { startHarness, type Harness } from './harness.ts';
import { REPO_FILES } from './repo-fixture.ts';

describe('who may apply, and what survives a restart', () => {
  let h: Harness;
  afterEach(async () => {
    expect(h.github.state.unexpected).toEqual([]);
    await h.stop();
  });

  it('refuses apply from someone outside the allowed team, and applies for a member', async () => {
    h = await startHarness({ files: REPO_FILES, server: { permissions: { apply: { allow: ['acme/platform'] } } } });
    h.github.addTeamMember('acme/platform', 'priya');
    const headSha = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select 1 as order_id\n' });
    await h.openPull({ number: 1, author: 'dana', headSha, headRef: 'dana/orders' });
    await h.settle();
    h.github.approve(1, 'priya', headSha);

    await h.comment(1, 'sluice apply', 'dana');
    await h.settle();
    expect(h.github.replies(1).at(-1)).toMatch(/@dana is not allowed to run `apply`/);
    expect(h.engines.sql.applied).toEqual([]);

    await h.comment(1, 'sluice apply', 'priya');
    await h.settle();
    expect(h.engines.sql.applied).toEqual(['1:analytics']);
  });

  it('requires the approval to come from a required team, and does not count the author', async () => {
    h = await startHarness({ files: REPO_FILES, server: { approvers: ['acme/platform'] } });
    h.github.addTeamMember('acme/platform', 'priya');
    h.github.addTeamMember('acme/platform', 'dana');
    const headSha = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select 1 as order_id\n' });
    await h.openPull({ number: 2, author: 'dana', headSha, headRef: 'dana/orders' });
    await h.settle();
    h.github.approve(2, 'dana', headSha);
    h.github.approve(2, 'sam', headSha);
    await h.comment(2, 'sluice apply', 'dana');
    await h.settle();
    expect(h.github.replies(2).at(-1)).toContain('@acme/platform');
    expect(h.engines.sql.applied).toEqual([]);
  });

  it('after a restart, resumes queued jobs and reports the run it cut off without re-running it', async () => {
    h = await startHarness({ files: REPO_FILES });
    const headSha = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select 1 as order_id\n' });
    await h.openPull({ number: 3, author: 'dana', headSha, headRef: 'dana/orders' });
    await h.settle();
    h.github.approve(3, 'priya', headSha);
    const pr = { repo: 'acme/analytics', number: 3 };
    h = await h.restart({
      beforeStart: async () => {
        // The process died mid-apply with a re-plan queued behind it.
        await h.store.recordDelivery('before-crash-1', [{ pr, installationId: 42, actor: 'dana', deliveryId: 'before-crash-1', request: { type: 'command', command: command('apply') } }]);
        await h.store.claimJob('e2e-worker');
        await h.store.recordDelivery('before-crash-2', [{ pr, installationId: 42, actor: 'dana', deliveryId: 'before-crash-2', request: { type: 'command', command: command('plan') } }]);
      },
    });
    await h.settle();
    const jobs = await h.store.listJobs(pr);
    expect(jobs.map((j) => j.status)).toEqual(['succeeded', 'interrupted', 'succeeded']);
    expect(h.github.replies(3).some((r) => /interrupted/i.test(r))).toBe(true);
    expect(h.engines.sql.applied).toEqual([]);
    expect(h.github.checkRun('sluice/plan: analytics', headSha)?.conclusion).toBe('success');
  });

  it('cancel aborts the running plan and drops queued runs', async () => {
    h = await startHarness({ files: REPO_FILES });
    h.engines.sql.planDelayMs = 10_000;
    const headSha = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select 1 as order_id\n' });
    await h.openPull({ number: 4, author: 'dana', headSha, headRef: 'dana/orders' });
    // The long plan shows its progress…
    await waitFor(async () => h.github.checkRun('sluice/plan: analytics', headSha)?.status === 'in_progress');
    await h.comment(4, 'sluice plan', 'dana');
    await h.comment(4, 'sluice cancel', 'dana');
    await h.settle();
    const statuses = (await h.store.listJobs({ repo: 'acme/analytics', number: 4 })).map((j) => j.status);
    expect(statuses.slice(0, 2)).toEqual(['cancelled', 'cancelled']);
    // The long plan showed its progress before it was cancelled.
    expect(h.github.checkRun('sluice/plan: analytics', headSha)?.statusHistory).toEqual(['queued', 'in_progress', 'completed']);
    expect(h.github.replies(4).at(-1)).toMatch(/cancel/i);
    expect(await h.store.listPlans({ repo: 'acme/analytics', number: 4 })).toEqual([]);
  });
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached');
}
