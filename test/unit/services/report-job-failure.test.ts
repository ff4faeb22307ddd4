/**
 * A job that threw, was cut off by a restart, or was cancelled (services/report-job-failure.ts): every
 * Sluice check run of the PR still open is completed, so branch protection never waits on it, and the PR gets
 * one short reply naming what was being done and the delivery id.
 */
import { describe, expect, it } from 'vitest';
import { command } from '../../../src/commands/command.ts';
import type { JobRequest } from '../../../src/core/job.ts';
import type { CheckRunInfo } from '../../../src/ports/code-host.ts';
import { reportJobFailure } from '../../../src/services/report-job-failure.ts';
import { HEAD_SHA, jobOf, PR, serviceKit, type ServiceKit } from '../../fakes/service-kit.ts';

const PUSHED = 'c'.repeat(40);
/** On the head: an open plan run of #7, a completed one, an open run of #70 (same prefix, other PR) and another app's. */
const RUNS: CheckRunInfo[] = [
  { id: 11, name: 'sluice/plan: staging', status: 'in_progress', externalId: 'acme/data#7:plan:staging' },
  { id: 12, name: 'sluice/plan: marts', status: 'completed', externalId: 'acme/data#7:plan:marts' },
  { id: 13, name: 'sluice/plan: staging', status: 'queued', externalId: 'acme/data#70:plan:staging' },
  { id: 14, name: 'ci/build', status: 'queued' },
];

async function kitWithRuns(bySha: Record<string, CheckRunInfo[]>): Promise<ServiceKit & { listed: string[] }> {
  const kit = await serviceKit();
  const listed: string[] = [];
  kit.host.listCheckRuns = async (_repo, sha) => {
    listed.push(sha.slice(0, 7));
    return bySha[sha] ?? [];
  };
  return { ...kit, listed };
}
const updates = (kit: ServiceKit) => kit.host.calls.flatMap((c) => (c.method === 'updateCheckRun' ? [{ id: c.checkRunId, ...c.update }] : []));
const applyJob: JobRequest = { type: 'command', command: command('apply'), commentId: 9 };

describe('reporting a job that did not finish', () => {
  it('an unexpected error completes the PR\'s open check runs as failures and replies once with the delivery id', async () => {
    const kit = await kitWithRuns({ [HEAD_SHA]: RUNS });

    await reportJobFailure(kit.deps, kit.session, jobOf(applyJob, { actor: 'dana', deliveryId: 'delivery-42' }), 'failed');

    expect(updates(kit)).toEqual([{
      id: 11, status: 'completed', conclusion: 'failure',
      title: 'Sluice hit an unexpected error (delivery delivery-42)', summary: 'Sluice hit an unexpected error (delivery delivery-42)',
    }]);
    expect(kit.comments()).toEqual([
      '💥 Sluice hit an unexpected error while running `sluice apply` for @dana and stopped; nothing further ran. '
      + 'The details are in the server log under delivery `delivery-42`. '
      + 'An apply that stopped may have changed part of production: check the summary comment and the targets before applying again.',
    ]);
  });

  it('a restart completes them as cancelled and says the job was not retried', async () => {
    const kit = await kitWithRuns({ [HEAD_SHA]: RUNS });

    await reportJobFailure(kit.deps, kit.session, jobOf({ type: 'command', command: command('plan', { project: 'staging' }) }), 'interrupted');

    expect(updates(kit).map((u) => [u.id, u.conclusion, u.title])).toEqual([[11, 'cancelled', 'Sluice restarted while this ran; it was not retried']]);
    expect(kit.comments()).toEqual([
      '⚠️ **Interrupted:** Sluice restarted while running `sluice plan -p staging` for @dana; it was stopped and not retried. Comment `sluice plan -p staging` to run it again.',
    ]);
  });

  it('a cancelled job completes them as cancelled without a reply (the cancel command has its own)', async () => {
    const kit = await kitWithRuns({ [HEAD_SHA]: RUNS });

    await reportJobFailure(kit.deps, kit.session, jobOf(applyJob), 'cancelled');

    expect(updates(kit).map((u) => [u.id, u.conclusion, u.title])).toEqual([[11, 'cancelled', 'Cancelled']]);
    expect(kit.comments()).toEqual([]);
  });

  it('an autoplan looks at the commit it planned and at the head now, when a push moved it', async () => {
    const kit = await kitWithRuns({
      [HEAD_SHA]: [RUNS[0]!],
      [PUSHED]: [{ id: 21, name: 'sluice/plan: marts', status: 'queued', externalId: 'acme/data#7:plan:marts' }],
    });
    kit.host.pullRequest = { ...PR, headSha: PUSHED };

    await reportJobFailure(kit.deps, kit.session, jobOf({ type: 'autoplan', pullRequest: PR }), 'failed');

    expect(kit.listed).toEqual(['aaaaaaa', 'ccccccc']);
    expect(updates(kit).map((u) => u.id)).toEqual([11, 21]);
    expect(kit.comments()).toHaveLength(1);
    expect(kit.comments()[0]).toContain('while running the automatic plan for @dana');
  });

  it('when the PR cannot be read, an autoplan still completes the runs of its commit, and still replies', async () => {
    const kit = await kitWithRuns({ [HEAD_SHA]: RUNS });
    kit.host.getPullRequest = async () => { throw new Error('GitHub: 502 Bad Gateway'); };

    await reportJobFailure(kit.deps, kit.session, jobOf({ type: 'autoplan', pullRequest: PR }), 'failed');

    expect(updates(kit).map((u) => u.id)).toEqual([11]);
    expect(kit.comments()).toHaveLength(1);
  });

  it('never throws over the original error: a failing code host is logged, and the reply is still tried', async () => {
    const kit = await kitWithRuns({});
    kit.host.getPullRequest = async () => { throw new Error('GitHub: 502 Bad Gateway'); };
    kit.host.postComment = async () => { throw new Error('GitHub: 502 Bad Gateway'); };

    await expect(reportJobFailure(kit.deps, kit.session, jobOf(applyJob), 'failed')).resolves.toBeUndefined();

    expect(kit.logged).toEqual(['error: completing open check runs failed', 'error: replying about a failed job failed']);
  });
});
