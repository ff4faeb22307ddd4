import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { REPO_FILES } from './repo-fixture.ts';
import { pullRequestPayload } from './webhook-payloads.ts';

describe('webhook deliveries', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ files: REPO_FILES });
  });
  afterEach(async () => {
    expect(h.github.state.unexpected).toEqual([]);
    await h.stop();
  });

  it('drops a duplicate delivery: one job, one plan, one comment', async () => {
    const headSha = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select 1 as order_id\n' });
    const spec = { number: 1, author: 'dana', headSha, baseSha: await h.origin.sha('main'), headRef: 'dana/orders' };
    h.github.openPull({ number: 1, user: 'dana', head: { sha: headSha, ref: 'dana/orders' }, base: { sha: spec.baseSha, ref: 'main' } });
    const payload = pullRequestPayload('opened', h.repo, spec);
    expect(await h.deliver('pull_request', payload, { id: 'delivery-1' })).toBe(200);
    expect(await h.deliver('pull_request', payload, { id: 'delivery-1' })).toBe(200);
    await h.settle();
    expect(await h.store.listJobs({ repo: 'acme/analytics', number: 1 })).toHaveLength(1);
    expect([...h.github.state.checkRuns.values()].filter((r) => r.name === 'sluice/plan: analytics')).toHaveLength(1);
    expect(h.github.state.comments.size).toBe(1);
  });

  it('rejects a delivery with a forged signature and queues nothing', async () => {
    const spec = { number: 1, author: 'mallory', headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40), headRef: 'x' };
    const status = await h.deliver('pull_request', pullRequestPayload('opened', h.repo, spec), { signature: `sha256=${'0'.repeat(64)}` });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(await h.store.listJobs({ repo: 'acme/analytics', number: 1 })).toEqual([]);
    expect(h.github.state.calls).toEqual([]);
  });

  it('answers an unknown command with the allowed list, and a terraform command with a did-you-mean', async () => {
    const headSha = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select 1 as order_id\n' });
    h.github.openPull({ number: 2, user: 'dana', head: { sha: headSha, ref: 'dana/orders' }, base: { sha: await h.origin.sha('main'), ref: 'main' } });
    await h.comment(2, 'sluice destroy', 'dana');
    await h.comment(2, 'terraform plan', 'dana');
    await h.comment(2, 'looks good to me, sluice is great', 'dana');
    await h.settle();
    const [unknown, didYouMean, ...rest] = h.github.replies(2);
    expect(unknown).toMatch(/plan/);
    expect(unknown).toMatch(/apply/);
    expect(didYouMean).toContain('sluice plan');
    expect(rest).toEqual([]);
  });

  it('answers `sluice plan -p nope` with the projects that exist', async () => {
    const headSha = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select 1 as order_id\n' });
    h.github.openPull({ number: 3, user: 'dana', head: { sha: headSha, ref: 'dana/orders' }, base: { sha: await h.origin.sha('main'), ref: 'main' } });
    await h.comment(3, 'sluice plan -p nope', 'dana');
    await h.settle();
    expect(h.github.replies(3).at(-1)).toMatch(/no project named `nope`.*`analytics`.*`lake`/s);
  });

  it('reports an invalid sluice.yaml with file and line, and plans nothing', async () => {
    const headSha = await h.origin.commit('dana/config', { 'sluice.yaml': 'version: 1\nprojects:\n  - name: analytics\n    kind: spreadsheet\n    dir: analytics\n' });
    await h.openPull({ number: 4, author: 'dana', headSha, headRef: 'dana/config' });
    await h.settle();
    expect(h.github.summary(4)).toMatch(/sluice\.yaml:4/);
    expect(h.github.state.checkRuns.size).toBe(0);
    expect(h.github.status(headSha)?.state).toBe('error');
    expect(await h.store.listPlans({ repo: 'acme/analytics', number: 4 })).toEqual([]);
  });

  it('runs apply from the check run Apply button once requirements hold', async () => {
    const headSha = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select 7 as order_id\n' });
    await h.openPull({ number: 5, author: 'dana', headSha, headRef: 'dana/orders' });
    await h.settle();
    h.github.approve(5, 'priya', headSha);
    await h.clickCheckRunAction(5, 'sluice/plan: analytics', 'apply', 'priya');
    await h.settle();
    expect(h.engines.sql.applied).toEqual(['5:analytics']);
  });

  it('does not autoplan a draft or a fork, but plans a fork on a member’s command', async () => {
    const headSha = await h.origin.commit('eve/fork', { 'analytics/models/orders.sql': 'select 9 as order_id\n' });
    const baseSha = await h.origin.sha('main');
    h.github.openPull({ number: 6, user: 'eve', head: { sha: headSha, ref: 'eve/fork' }, base: { sha: baseSha, ref: 'main' }, fork: true });
    await h.deliver('pull_request', pullRequestPayload('opened', h.repo, { number: 6, author: 'eve', headSha, baseSha, headRef: 'eve/fork', fork: true }));
    await h.deliver('pull_request', pullRequestPayload('opened', h.repo, { number: 7, author: 'dana', headSha, baseSha, headRef: 'eve/fork', draft: true }));
    await h.settle();
    expect(h.github.state.checkRuns.size).toBe(0);

    await h.comment(6, 'sluice plan', 'eve', { association: 'CONTRIBUTOR' });
    await h.settle();
    expect(h.github.replies(6).at(-1)).toMatch(/fork/);
    expect(h.github.state.checkRuns.size).toBe(0);

    await h.comment(6, 'sluice plan', 'priya', { association: 'MEMBER' });
    await h.settle();
    expect(h.github.checkRun('sluice/plan: analytics', headSha)?.conclusion).toBe('success');
  });
});
