/**
 * Every failure reaches the PR: whatever goes wrong, the PR gets a result or a short reply naming what was
 * being done and the delivery id, and no check run Sluice opened is left queued or in progress.
 * (The crash-and-restart case runs against the real process: github-enterprise-process.test.ts.)
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { REPO_FILES } from './repo-fixture.ts';

describe('failures reach the pull request', () => {
  let h: Harness;
  afterEach(async () => {
    expect(h.github.state.unexpected).toEqual([]);
    await h.stop();
  });

  const openRuns = () => [...h.github.state.checkRuns.values()].filter((r) => r.status !== 'completed').map((r) => r.name);
  const deliveryOf = async (number: number) => (await h.store.listJobs({ repo: 'acme/analytics', number })).at(-1)!.deliveryId;

  it('git fetch fails: the PR is told the plan stopped, with the delivery id', async () => {
    h = await startHarness({ files: REPO_FILES });
    const headSha = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select 1 as order_id\n' });
    const baseSha = await h.origin.sha('main');
    rmSync(h.origin.bareDir, { recursive: true, force: true }); // the repository cannot be fetched any more
    await h.openPull({ number: 1, author: 'dana', headSha, headRef: 'dana/orders', baseSha });
    await h.settle();
    const delivery = await deliveryOf(1);
    expect((await h.store.listJobs({ repo: 'acme/analytics', number: 1 })).map((j) => j.status)).toEqual(['failed']);
    expect(h.github.replies(1)).toEqual([
      `💥 Sluice hit an unexpected error while running the automatic plan for @dana and stopped; nothing further ran. The details are in the server log under delivery \`${delivery}\`.`,
    ]);
    expect(openRuns()).toEqual([]);
  });

  it('GitHub answers 5xx mid-plan: the open check runs are completed as failed and the PR gets one reply', async () => {
    h = await startHarness({ files: REPO_FILES });
    const headSha = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select 1 as order_id\n' });
    // The first check-run update (the plan's result) fails; GitHub recovers right after.
    h.github.failNext('PATCH', /^\/repos\/acme\/analytics\/check-runs\/\d+$/, { status: 502 });
    await h.openPull({ number: 2, author: 'dana', headSha, headRef: 'dana/orders' });
    await h.settle();
    const run = h.github.checkRun('sluice/plan: analytics', headSha)!;
    expect(run.statusHistory).toEqual(['queued', 'completed']);
    expect(run.conclusion).toBe('failure');
    expect(run.output?.title).toBe(`Sluice hit an unexpected error (delivery ${await deliveryOf(2)})`);
    expect(h.github.replies(2)).toHaveLength(1);
    expect(h.github.replies(2)[0]).toContain(`delivery \`${await deliveryOf(2)}\``);
    expect(openRuns()).toEqual([]);
  });

  it('an engine crashes: its project fails with the cause, the others still plan, and every check run completes', async () => {
    h = await startHarness({ files: REPO_FILES });
    const headSha = await h.origin.commit('dana/both', {
      'analytics/models/orders.sql': 'select 1 as order_id -- SLUICE_CRASH_PLAN\n',
      'infra/main.ts': "new S3Bucket(stack, 'lake', { bucket: 'acme-lake-2' });\n",
    });
    await h.openPull({ number: 3, author: 'dana', headSha, headRef: 'dana/both' });
    await h.settle();
    expect(h.github.checkRun('sluice/plan: analytics', headSha)?.conclusion).toBe('failure');
    expect(h.github.checkRun('sluice/plan: lake', headSha)?.conclusion).toBe('success');
    expect(h.github.summary(3)).toContain("sql engine crashed: Cannot read properties of undefined (reading 'columns')");
    expect(openRuns()).toEqual([]);
  });
});
