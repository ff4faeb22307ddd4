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

describe('who may cancel', () => {
  let h: Harness;
  afterEach(async () => {
    expect(h.github.state.unexpected).toEqual([]);
    await h.stop();
  });
  const statuses = async (number: number) => (await h.store.listJobs({ repo: 'acme/analytics', number })).map((j) => j.status);

  it('refuses a cancel from someone outside permissions.cancel, lets the PR author cancel, and ignores a redelivery', async () => {
    h = await startHarness({ files: REPO_FILES, server: { permissions: { cancel: { allow: ['acme/platform'] } } } });
    h.engines.sql.planDelayMs = 10_000;
    const headSha = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select 1 as order_id\n' });
    await h.openPull({ number: 5, author: 'dana', headSha, headRef: 'dana/orders' });
    await waitFor(async () => (await statuses(5)).includes('running'));

    await h.comment(5, 'sluice cancel', 'mallory');
    expect(h.github.replies(5).at(-1)).toBe('⚠️ @mallory is not allowed to run `cancel` here\n\n💡 allowed: @acme/platform (server config `permissions.cancel.allow`)');
    expect(await statuses(5)).toEqual(['running']);

    const { issueCommentPayload } = await import('./webhook-payloads.ts');
    const payload = issueCommentPayload(h.repo, { number: 5, body: 'sluice cancel', user: 'dana', commentId: 777 });
    expect(await h.deliver('issue_comment', payload, { id: 'cancel-delivery-1' })).toBe(200);
    await h.settle();
    expect(await statuses(5)).toEqual(['cancelled']);
    const replies = h.github.replies(5).length;
    expect(h.github.replies(5).at(-1)).toMatch(/^⏹️ Cancelled 1 run/);

    // GitHub redelivers the same cancel after a new run was queued: nothing is cancelled twice.
    h.engines.sql.planDelayMs = 0;
    await h.comment(5, 'sluice plan', 'dana');
    expect(await h.deliver('issue_comment', payload, { id: 'cancel-delivery-1' })).toBe(200);
    await h.settle();
    expect(await statuses(5)).toEqual(['cancelled', 'succeeded']);
    expect(h.github.replies(5)).toHaveLength(replies);
  });

  it('on a fork’s PR, refuses a cancel from a commenter who is neither a member nor the author', async () => {
    h = await startHarness({ files: REPO_FILES });
    h.engines.sql.planDelayMs = 10_000;
    const headSha = await h.origin.commit('eve/orders', { 'analytics/models/orders.sql': 'select 1 as order_id\n' });
    h.github.openPull({ number: 6, user: 'eve', head: { sha: headSha, ref: 'eve/orders' }, base: { sha: await h.origin.sha('main'), ref: 'main' }, fork: true });
    await h.comment(6, 'sluice plan', 'priya', { association: 'MEMBER' });
    await waitFor(async () => (await statuses(6)).includes('running'));
    await h.comment(6, 'sluice cancel', 'drive-by', { association: 'NONE' });
    expect(h.github.replies(6).at(-1)).toMatch(/@drive-by may not run `cancel` on a pull request from a fork/);
    expect(await statuses(6)).toEqual(['running']);
    await h.comment(6, 'sluice cancel', 'priya', { association: 'MEMBER' });
    await h.settle();
    expect(await statuses(6)).toEqual(['cancelled']);
  });
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached');
}
