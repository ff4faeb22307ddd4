import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { REPO_FILES } from './repo-fixture.ts';

describe('a pull request from open to merge', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ files: REPO_FILES, server: { automerge: true, allowed_overrides: [] } });
  });
  afterEach(async () => {
    expect(h.github.state.unexpected).toEqual([]);
    await h.stop();
  });

  it('autoplans, blocks a second PR on the lock, refuses apply before approval, applies, merges and releases the lock', async () => {
    // Dana opens #1 changing a model: Sluice plans `analytics` only.
    const headSha = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select order_id, amount, status from raw.orders\n' });
    const pr1 = await h.openPull({ number: 1, author: 'dana', headSha, headRef: 'dana/orders' });
    await h.settle();

    const plan = h.github.checkRun('sluice/plan: analytics', headSha);
    expect(plan?.statusHistory[0]).toBe('queued');
    expect(plan?.statusHistory.at(-1)).toBe('completed');
    expect(plan?.conclusion).toBe('success');
    expect(h.github.checkRun('sluice/plan: lake')).toBeUndefined();
    const summary = h.github.summary(1)!;
    expect(summary).toContain('analytics');
    expect(summary).toContain('models/orders.sql');
    expect(summary).toContain('sluice apply');
    expect(h.github.status(headSha)?.state).toBe('pending');
    expect(await h.store.getLock({ repo: 'acme/analytics', project: 'analytics', target: 'default' })).toMatchObject({ pr: 1, user: 'dana' });

    // Sam opens #2 touching the same project: told who holds the lock.
    const otherSha = await h.origin.commit('sam/customers', { 'analytics/models/customers.sql': 'select customer_id from raw.customers\n' });
    await h.openPull({ number: 2, author: 'sam', headSha: otherSha, headRef: 'sam/customers' });
    await h.settle();
    expect(h.github.summary(2)).toMatch(/locked by #1/);
    expect(h.github.checkRun('sluice/plan: analytics', otherSha)?.conclusion).not.toBe('success');

    // `sluice apply` before approval: the reply names the missing approval; nothing runs.
    await h.comment(1, 'sluice apply', 'dana');
    await h.settle();
    expect(h.github.replies(1).at(-1)).toMatch(/approv/i);
    expect(h.engines.sql.applied).toEqual([]);

    // Approved by a reviewer at the head commit: apply runs, the PR merges, the status turns green.
    h.github.approve(1, 'priya', headSha);
    await h.comment(1, 'sluice apply', 'dana');
    await h.settle();
    expect(h.engines.sql.applied).toEqual(['1:analytics']);
    expect(h.engines.sql.production.get('analytics')?.get('models/orders.sql')).toContain('status');
    expect(h.github.checkRun('sluice/apply: analytics')?.conclusion).toBe('success');
    expect(h.github.status(headSha)?.state).toBe('success');
    expect(h.github.state.merges).toEqual([{ number: 1, sha: headSha, method: 'merge' }]);

    // GitHub reports the merge: the lock is released, and #2 can plan.
    await h.close(pr1, { merged: true });
    await h.settle();
    expect(await h.store.getLock({ repo: 'acme/analytics', project: 'analytics', target: 'default' })).toBeUndefined();
    expect(h.engines.sql.cleanedUp).toEqual(['1:analytics']);
    await h.comment(2, 'sluice plan', 'sam');
    await h.settle();
    expect(h.github.checkRun('sluice/plan: analytics', otherSha)?.conclusion).toBe('success');
    expect(h.github.summary(2)).not.toMatch(/locked by #1/);
  });

  it('keeps one summary comment per PR, edited in place on every push', async () => {
    const sha1 = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select 1 as order_id\n' });
    const pr = await h.openPull({ number: 3, author: 'dana', headSha: sha1, headRef: 'dana/orders' });
    await h.settle();
    const firstIds = [...h.github.state.comments.keys()];
    await h.push(pr, { 'analytics/models/orders.sql': 'select 2 as order_id\n' });
    await h.settle();
    expect([...h.github.state.comments.keys()]).toEqual(firstIds);
    expect(h.github.summary(3)).toContain('select 2');
  });

  it('refuses a plan made before the latest push, naming the stale commit', async () => {
    const sha1 = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select 1 as order_id\n' });
    await h.openPull({ number: 4, author: 'dana', headSha: sha1, headRef: 'dana/orders' });
    await h.settle();
    // A push whose webhook has not arrived yet: GitHub already reports the new head.
    const sha2 = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select 3 as order_id\n' });
    h.github.state.pulls.get(4)!.head.sha = sha2;
    h.github.approve(4, 'priya', sha2);
    await h.comment(4, 'sluice apply', 'dana');
    await h.settle();
    expect(h.github.replies(4).at(-1)).toContain(sha1.slice(0, 7));
    expect(h.engines.sql.applied).toEqual([]);
  });

  it('applies projects in depends_on order and stops at the first failure', async () => {
    const sha = await h.origin.commit('dana/both', {
      'analytics/models/orders.sql': 'select order_id from raw.orders -- SLUICE_FAIL_APPLY\n',
      'infra/main.ts': "new S3Bucket(stack, 'lake', { bucket: 'acme-lake-2' });\n",
    });
    await h.openPull({ number: 5, author: 'dana', headSha: sha, headRef: 'dana/both' });
    await h.settle();
    h.github.approve(5, 'priya', sha);
    await h.comment(5, 'sluice apply', 'dana');
    await h.settle();
    expect(h.github.checkRun('sluice/apply: analytics')?.conclusion).toBe('failure');
    expect(h.github.checkRun('sluice/apply: lake')).toBeUndefined();
    expect(h.engines.cdktf.applied).toEqual([]);
    expect(h.github.state.merges).toEqual([]);
    expect(h.github.summary(5)).toMatch(/production is unchanged/);
  });
});
