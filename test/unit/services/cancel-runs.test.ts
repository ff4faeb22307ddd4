/**
 * `cancel` (services/cancel-runs.ts), run from the webhook handler: the comment gets 👀, the commenter is
 * authorized (the PR's author always may), then the PR's queued jobs are cancelled, its running one is asked
 * to stop (here and through the store), and one reply says how many runs were cancelled.
 */
import { describe, expect, it } from 'vitest';
import type { PullRequestRef } from '../../../src/core/pull-request.ts';
import { cancelRuns, type CancelRequest } from '../../../src/services/cancel-runs.ts';
import { PR, serviceKit, type ServiceKit, type ServiceKitOptions } from '../../fakes/service-kit.ts';

/** The PR with a running autoplan and a queued `closed` clean-up; a second PR with a queued job of its own. */
async function busy(options: ServiceKitOptions = {}): Promise<ServiceKit & { abortedHere: PullRequestRef[] }> {
  const kit = await serviceKit(options);
  const other = { ...PR, number: 8 };
  await kit.store.recordDelivery('d-1', [
    { pr: PR, actor: 'dana', request: { type: 'autoplan', pullRequest: PR }, deliveryId: 'd-1' },
    { pr: other, actor: 'lee', request: { type: 'autoplan', pullRequest: other }, deliveryId: 'd-1' },
  ]);
  await kit.store.claimJob('worker-1');
  await kit.store.recordDelivery('d-2', [{ pr: PR, actor: 'dana', request: { type: 'closed', merged: false }, deliveryId: 'd-2' }]);
  return { ...kit, abortedHere: [] };
}
async function cancel(kit: ServiceKit & { abortedHere: PullRequestRef[] }, request: Partial<CancelRequest> & { actor: string }, runsHere = true) {
  await cancelRuns(kit.deps, kit.session, { pr: { repo: PR.repo, number: PR.number }, commentId: 55, ...request }, (pr) => {
    kit.abortedHere.push({ repo: pr.repo, number: pr.number });
    return runsHere;
  });
}
const statuses = async (kit: ServiceKit, number = 7) => (await kit.store.listJobs({ repo: PR.repo, number })).map((j) => `${j.request.type}: ${j.status}`);
const CANCELLED_TWO = '⏹️ Cancelled 2 runs of this pull request. A run in progress stops at its next safe point and leaves production as it was; '
  + 'the summary comment shows where each project stands.';

describe('sluice cancel', () => {
  it('cancels the queued jobs, asks the running one to stop, and replies with the count', async () => {
    const kit = await busy();

    await cancel(kit, { actor: 'dana' });

    expect(kit.host.calls[0]).toMatchObject({ method: 'react', commentId: 55, reaction: 'eyes' });
    expect(await statuses(kit)).toEqual(['autoplan: running', 'closed: cancelled']);
    const running = (await kit.store.listJobs(PR)).filter((j) => j.status === 'running').map((j) => j.id);
    expect(await kit.store.cancelRequested(running)).toEqual(running);
    expect(kit.abortedHere).toEqual([{ repo: 'acme/data', number: 7 }]);
    expect(kit.comments()).toEqual([CANCELLED_TWO]);
  });

  it('leaves the jobs of other pull requests alone', async () => {
    const kit = await busy();

    await cancel(kit, { actor: 'dana' });

    expect(await statuses(kit, 8)).toEqual(['autoplan: queued']);
  });

  it('with nothing queued or running, says there is nothing to cancel', async () => {
    const kit = await serviceKit();

    await cancelRuns(kit.deps, kit.session, { pr: PR, actor: 'dana' }, () => false);

    expect(kit.comments()).toEqual(['Nothing to cancel: no run is queued or running for this pull request.']);
    expect(kit.host.calls.filter((c) => c.method === 'react')).toEqual([]);
  });

  it('someone outside `permissions.cancel` is refused and nothing is cancelled', async () => {
    const kit = await busy({ server: { permissions: { cancel: { allow: ['acme/deployers'] } } } });

    await cancel(kit, { actor: 'gus' });

    expect(kit.comments()).toEqual(['⚠️ @gus is not allowed to run `cancel` here\n\n💡 allowed: @acme/deployers (server config `permissions.cancel.allow`)']);
    expect(await statuses(kit)).toEqual(['autoplan: running', 'closed: queued']);
    expect(kit.abortedHere).toEqual([]);
    expect(kit.logged).toContain('info: cancel denied');
  });

  it('a member of an allowed team may cancel; so may the PR author, outside the allowlist', async () => {
    const member = await busy({ server: { permissions: { cancel: { allow: ['acme/deployers'] } } } });
    member.host.teamMembers.add('acme/deployers:priya');
    const author = await busy({ server: { permissions: { cancel: { allow: ['acme/deployers'] } } } });

    await cancel(member, { actor: 'priya' });
    await cancel(author, { actor: 'DANA' });

    expect(member.comments()).toEqual([CANCELLED_TWO]);
    expect(author.comments()).toEqual([CANCELLED_TWO]);
  });

  it('on a fork\'s PR, only the author or a member, owner or collaborator may cancel', async () => {
    const fork = { pr: { fromFork: true } };
    const outsider = await busy(fork);
    const member = await busy(fork);
    const author = await busy(fork);

    await cancel(outsider, { actor: 'gus', association: 'CONTRIBUTOR' });
    await cancel(member, { actor: 'priya', association: 'MEMBER' });
    await cancel(author, { actor: 'dana', association: 'CONTRIBUTOR' });

    expect(outsider.comments()).toEqual(['⚠️ @gus may not run `cancel` on a pull request from a fork\n\n💡 a member or collaborator of this repository must comment the command']);
    expect(await statuses(outsider)).toEqual(['autoplan: running', 'closed: queued']);
    expect(member.comments()).toEqual([CANCELLED_TWO]);
    expect(author.comments()).toEqual([CANCELLED_TWO]);
  });

  it('a job running in another process is asked to stop through the store, and counted', async () => {
    const kit = await busy();

    await cancel(kit, { actor: 'dana' }, false);

    expect(kit.comments()).toEqual([CANCELLED_TWO]);
  });
});
