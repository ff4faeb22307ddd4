/**
 * `unlock` (services/unlock-pull-request.ts): the PR lets go of its locks (all, or the named projects') and
 * its plans, says so in a reply, records it, and the summary no longer claims the locks.
 */
import { describe, expect, it } from 'vitest';
import { command } from '../../../src/commands/command.ts';
import { planPullRequest } from '../../../src/services/plan-pull-request.ts';
import { unlockPullRequest } from '../../../src/services/unlock-pull-request.ts';
import { serviceKit, type ServiceKit } from '../../fakes/service-kit.ts';

async function planned(): Promise<ServiceKit> {
  const kit = await serviceKit();
  await planPullRequest(kit.deps, kit.session, { pr: kit.pr, actor: 'dana', signal: kit.signal });
  kit.host.calls.length = 0;
  return kit;
}
const unlock = (kit: ServiceKit, cmd = command('unlock'), actor = 'dana') => unlockPullRequest(kit.deps, kit.session, { pr: kit.pr, actor, command: cmd });
const lockOf = (kit: ServiceKit, project: string) => kit.store.getLock({ repo: 'acme/data', project, target: 'default' });

describe('sluice unlock', () => {
  it('releases every lock of the PR, discards its plans, replies and records who unlocked', async () => {
    const kit = await planned();

    const released = await unlock(kit, command('unlock'), 'erin');

    expect(released.sort()).toEqual(['marts', 'staging']);
    expect(await kit.store.listLocks('acme/data')).toEqual([]);
    expect(await kit.store.listPlans(kit.pr)).toEqual([]);
    expect(kit.comments()).toHaveLength(1);
    expect(kit.comments()[0]).toMatch(/^🔓 Unlocked `(marts|staging)`, `(marts|staging)` and discarded their plans\. Comment `sluice plan` to plan and lock again\.$/);
    const audit = await kit.store.listAudit(kit.pr);
    expect(audit.map((a) => [a.action, a.actor, (a.detail['projects'] as string[]).sort()])).toEqual([['unlocked', 'erin', ['marts', 'staging']]]);
  });

  it('republishes the summary without the locks, and the status has nothing left to apply', async () => {
    const kit = await planned();

    await unlock(kit);

    const [summary] = kit.summaries();
    expect(summary).toBeDefined();
    expect(summary).not.toContain('🔒 locked by this PR');
    expect(summary).not.toContain('`staging`');
    expect(kit.statuses()).toEqual(['success: nothing left to apply']);
  });

  it('`unlock -p staging` releases staging only and keeps the plan of marts', async () => {
    const kit = await planned();

    expect(await unlock(kit, command('unlock', { project: 'staging' }))).toEqual(['staging']);

    expect(await lockOf(kit, 'staging')).toBeUndefined();
    expect((await lockOf(kit, 'marts'))?.pr).toBe(7);
    expect((await kit.store.listPlans(kit.pr)).map((p) => p.project)).toEqual(['marts']);
    expect(kit.comments()).toEqual(['🔓 Unlocked `staging` and discarded its plan. Comment `sluice plan` to plan and lock again.']);
    expect(kit.summaries()[0]).toContain('| `marts` | sql |');
  });

  it('never releases a lock another PR holds', async () => {
    const kit = await serviceKit();
    await kit.store.acquireLock({ repo: 'acme/data', project: 'staging', target: 'default', pr: 3, user: 'lee', acquiredAt: '2025-03-14T08:00:00.000Z' });

    expect(await unlock(kit)).toEqual([]);
    expect(await unlock(kit, command('unlock', { project: 'staging' }))).toEqual([]);

    expect((await lockOf(kit, 'staging'))?.pr).toBe(3);
    expect(kit.comments()).toEqual(['Nothing to unlock: this pull request holds no locks.', 'Nothing to unlock: this pull request holds no locks.']);
  });

  it('`unlock -p nope` replies with the projects there are and releases nothing', async () => {
    const kit = await planned();

    expect(await unlock(kit, command('unlock', { project: 'nope' }))).toEqual([]);

    expect(kit.comments()).toEqual(['⚠️ no project named `nope`; projects in this repository: `marts`, `staging`']);
    expect(await kit.store.listLocks('acme/data')).toHaveLength(2);
    expect(await kit.store.listPlans(kit.pr)).toHaveLength(2);
    expect(await kit.auditActions()).toEqual([]);
  });
});
