/**
 * A pull request closed or merged (services/close-pull-request.ts): its locks are released, its plans and
 * policy approvals discarded, each planned project's engine drops the PR environment, the working trees go,
 * and the close is recorded. Nothing is posted on the PR.
 */
import { describe, expect, it } from 'vitest';
import { command } from '../../../src/commands/command.ts';
import { failure } from '../../../src/core/outcome.ts';
import { closePullRequest } from '../../../src/services/close-pull-request.ts';
import { planPullRequest } from '../../../src/services/plan-pull-request.ts';
import { unlockPullRequest } from '../../../src/services/unlock-pull-request.ts';
import { serviceKit, type ServiceKitOptions, type ServiceKit } from '../../fakes/service-kit.ts';

async function planned(options: ServiceKitOptions = {}): Promise<ServiceKit> {
  const kit = await serviceKit(options);
  await planPullRequest(kit.deps, kit.session, { pr: kit.pr, actor: 'dana', signal: kit.signal });
  await kit.store.addPolicyApprovals([{ pr: kit.pr, project: 'marts', ruleId: 'marts-owner', item: 'i1', approver: 'erin', approvedAt: '2025-03-14T09:00:00.000Z' }]);
  kit.host.calls.length = 0;
  return kit;
}
const close = (kit: ServiceKit, merged = false) => closePullRequest(kit.deps, kit.session, { pr: { ...kit.pr, state: 'closed', merged }, merged });

describe('a pull request closes', () => {
  it('releases its locks, discards its plans and approvals, and asks the engine to clean up each project', async () => {
    const kit = await planned();

    await close(kit);

    expect(await kit.store.listLocks('acme/data')).toEqual([]);
    expect(await kit.store.listPlans(kit.pr)).toEqual([]);
    expect(await kit.store.listPolicyApprovals(kit.pr)).toEqual([]);
    expect(kit.cleanups.sort()).toEqual([
      'cleanup marts pr-7 at /artifacts/acme/data/pr-7/marts',
      'cleanup staging pr-7 at /artifacts/acme/data/pr-7/staging',
    ]);
    expect(kit.workspace.calls.filter((c) => c.method === 'discard').map((c) => c.pr.number)).toEqual([7]);
    expect(kit.host.calls).toEqual([]);
  });

  it('records whether it was merged or closed, and what it released', async () => {
    const merged = await planned();
    const closed = await planned();

    await close(merged, true);
    await close(closed, false);

    const entries = async (kit: ServiceKit) => (await kit.store.listAudit(kit.pr)).map((a) => [a.action, a.actor, (a.detail['released'] as string[]).sort()]);
    expect(await entries(merged)).toEqual([['merged', 'sluice', ['marts', 'staging']]]);
    expect(await entries(closed)).toEqual([['closed', 'sluice', ['marts', 'staging']]]);
  });

  it('leaves the locks of other PRs alone', async () => {
    const kit = await planned();
    await kit.store.acquireLock({ repo: 'acme/data', project: 'reports', target: 'default', pr: 3, user: 'lee', acquiredAt: '2025-03-14T08:00:00.000Z' });

    await close(kit);

    expect((await kit.store.listLocks('acme/data')).map((l) => `${l.project}: #${l.pr}`)).toEqual(['reports: #3']);
  });

  it('a cleanup that throws is logged and does not stop the others or the release', async () => {
    const kit = await planned({ cleanupThrows: ['staging'] });

    await close(kit);

    expect(kit.cleanups).toHaveLength(2);
    expect(kit.logged).toContain('warn: cleanup failed');
    expect(await kit.store.listLocks('acme/data')).toEqual([]);
    expect(await kit.auditActions()).toEqual(['closed']);
  });

  it('is idempotent: a second close releases nothing and cleans up nothing', async () => {
    const kit = await planned();
    await close(kit);
    kit.cleanups.length = 0;

    await close(kit);

    expect(kit.cleanups).toEqual([]);
    expect((await kit.store.listAudit(kit.pr)).map((a) => [a.action, a.detail['released']])).toEqual([
      ['closed', expect.arrayContaining(['marts', 'staging'])],
      ['closed', []],
    ]);
  });
});

/**
 * BUG (reported, not fixed here): close asks engines to clean up only the projects that still have a stored
 * plan. The sql engine builds its PR schemas while planning, so a PR environment outlives the PR when its
 * plans are gone before the close (`unlock` discards them) or were never stored (the plan failed after
 * building). The docs (architecture § 3, step 6) say closing drops the PR environments.
 */
describe('PR environments without a stored plan (known bug)', () => {
  it.fails('after `unlock`, closing still drops the PR environments the plans built', async () => {
    const kit = await planned();
    await unlockPullRequest(kit.deps, kit.session, { pr: kit.pr, actor: 'dana', command: command('unlock') });

    await close(kit);

    expect(kit.cleanups.map((c) => c.split(' ')[1]).sort()).toEqual(['marts', 'staging']);
  });

  it.fails('a project whose plan failed (after building its PR schemas) is cleaned up on close', async () => {
    const kit = await planned({ script: { staging: { plan: failure('engine_failed', 'testing staging.orders: 2 tests failed') } } });

    await close(kit);

    expect(kit.cleanups.map((c) => c.split(' ')[1]).sort()).toEqual(['marts', 'staging']);
  });
});
