import type { Job } from '../core/job.ts';
import { prKey } from '../core/pull-request.ts';
import type { CheckConclusion } from '../ports/code-host.ts';
import { replyWith } from './publish-summary.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';

/** How a job ended without finishing its work. */
export type JobStop = 'failed' | 'interrupted' | 'cancelled';

const CONCLUSION: Record<JobStop, CheckConclusion> = { failed: 'failure', interrupted: 'cancelled', cancelled: 'cancelled' };

const TITLE: Record<JobStop, (job: Job) => string> = {
  failed: (job) => `Sluice hit an unexpected error (delivery ${job.deliveryId})`,
  interrupted: () => 'Sluice restarted while this ran; it was not retried',
  cancelled: () => 'Cancelled',
};

/**
 * A job that threw, was cut off by a restart, or was aborted: every Sluice check run still open on the PR's
 * commits is completed (so branch protection is never left waiting on a `queued` run), then the PR gets one
 * short reply. The reply says what was being done and the delivery id; the details stay in the server log.
 * Each step is best effort: a failure here is logged, never thrown over the original error.
 */
export async function reportJobFailure(deps: ServiceDeps, session: HostSession, job: Job, stop: JobStop): Promise<void> {
  const fields = { job: job.id, pr: prKey(job.pr), delivery: job.deliveryId, stop };
  await completeOpenCheckRuns(deps, session, job, stop).catch((err: unknown) => deps.log.error({ ...fields, err: String(err) }, 'completing open check runs failed'));
  if (stop === 'cancelled') return; // the `cancel` command has its own reply
  await replyWith(deps, session, job.pr, stop === 'failed' ? { kind: 'app-error', job } : { kind: 'interrupted', job })
    .catch((err: unknown) => deps.log.error({ ...fields, err: String(err) }, 'replying about a failed job failed'));
}

async function completeOpenCheckRuns(deps: ServiceDeps, session: HostSession, job: Job, stop: JobStop): Promise<void> {
  const ours = `${prKey(job.pr)}:`;
  for (const sha of await commitsOf(session, job)) {
    const open = (await session.codeHost.listCheckRuns(job.pr.repo, sha)).filter((run) => run.status !== 'completed' && run.externalId?.startsWith(ours));
    for (const run of open) {
      const title = TITLE[stop](job);
      await session.codeHost.updateCheckRun(job.pr.repo, run.id, { status: 'completed', conclusion: CONCLUSION[stop], title, summary: title });
      deps.log.info({ job: job.id, checkRun: run.id, name: run.name }, 'open check run completed');
    }
  }
}

/** The commits the job may have opened check runs on: the one it was asked about, and the PR's head now. */
async function commitsOf(session: HostSession, job: Job): Promise<string[]> {
  const asked = job.request.type === 'autoplan' ? [job.request.pullRequest.headSha] : [];
  try {
    return [...new Set([...asked, (await session.codeHost.getPullRequest(job.pr)).headSha])];
  } catch (error) {
    if (asked.length > 0) return asked;
    throw error;
  }
}
