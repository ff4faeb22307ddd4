/**
 * The job worker (services/job-worker.ts) over the in-memory store: jobs of one PR run one at a time in order,
 * PRs run side by side, a job that throws or is aborted is finished and reported, and a job left running by a
 * restart is reported as interrupted, never re-run. The poll interval is set far out (and unref'd) where the
 * test drives the worker with `wake()` and waits with `idle()`; where a known race (below) loses a wake-up,
 * a 10 ms poll recovers it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job, NewJob } from '../../../src/core/job.ts';
import { silentLogger } from '../../../src/ports/logger.ts';
import type { StateStore } from '../../../src/ports/state-store.ts';
import { createJobWorker, type JobWorker } from '../../../src/services/job-worker.ts';
import type { JobStop } from '../../../src/services/report-job-failure.ts';
import { openInMemoryStateStore } from '../../fakes/in-memory-state-store.ts';
import { PR } from '../../fakes/service-kit.ts';

const newJob = (number: number, merged: boolean): NewJob => ({ pr: { repo: PR.repo, number }, actor: 'dana', request: { type: 'closed', merged }, deliveryId: `d-${number}-${merged}` });
const label = (job: Job) => `#${job.pr.number} ${job.request.type === 'closed' && job.request.merged ? 'merged' : 'closed'}`;

let worker: JobWorker | undefined;
afterEach(async () => worker?.stop());

async function setup(run: (job: Job, signal: AbortSignal) => Promise<void>, options: { concurrency?: number; store?: StateStore; pollMs?: number } = {}) {
  const store = options.store ?? (await openInMemoryStateStore());
  const stopped: string[] = [];
  worker = createJobWorker({
    store, workerId: 'worker-1', concurrency: options.concurrency ?? 4, pollMs: options.pollMs ?? 3_600_000, log: silentLogger, run,
    onStopped: async (job: Job, stop: JobStop) => void stopped.push(`${label(job)}: ${stop}`),
  });
  return { store, stopped, worker };
}

describe('the job worker', () => {
  it('runs the jobs of one PR one at a time, in order, and marks them succeeded', async () => {
    const log: string[] = [];
    const { store, worker: w } = await setup(async (job) => {
      log.push(`start ${label(job)}`);
      await Promise.resolve();
      log.push(`end ${label(job)}`);
    });
    await store.recordDelivery('d-1', [newJob(7, false), newJob(7, true)]);

    await w.start();
    await w.idle();

    expect(log).toEqual(['start #7 closed', 'end #7 closed', 'start #7 merged', 'end #7 merged']);
    expect((await store.listJobs(PR)).map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('runs jobs of different PRs side by side, up to the concurrency', async () => {
    let running = 0;
    let most = 0;
    const { store, worker: w } = await setup(async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
    }, { concurrency: 2 });
    await store.recordDelivery('d-1', [newJob(1, false), newJob(2, false), newJob(3, false)]);

    await w.start();
    await w.idle();

    expect(most).toBe(2);
    for (const number of [1, 2, 3]) expect((await store.listJobs({ repo: PR.repo, number })).map((j) => j.status)).toEqual(['succeeded']);
  });

  it('a job that throws is finished as failed with its message, reported, and the next job still runs', async () => {
    const ran: string[] = [];
    const { store, stopped, worker: w } = await setup(async (job) => {
      ran.push(label(job));
      if (!(job.request.type === 'closed' && job.request.merged)) throw new TypeError('boom');
    }, { pollMs: 10 });
    await store.recordDelivery('d-1', [newJob(7, false), newJob(7, true)]);

    await w.start();
    await w.idle();

    expect(ran).toEqual(['#7 closed', '#7 merged']);
    expect((await store.listJobs(PR)).map((j) => [j.status, j.error])).toEqual([['failed', 'boom'], ['succeeded', undefined]]);
    expect(stopped).toEqual(['#7 closed: failed']);
  });

  it('abort(pr) stops the PR\'s running job: it finishes cancelled and is reported so', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => { started = resolve; });
    const { store, stopped, worker: w } = await setup(async (_job, signal) => {
      started();
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    });
    await store.recordDelivery('d-1', [newJob(7, false)]);

    await w.start();
    await running;
    expect(w.abort({ repo: PR.repo, number: 8 })).toBe(false);
    expect(w.abort({ repo: PR.repo, number: 7 })).toBe(true);
    await w.idle();

    expect((await store.listJobs(PR)).map((j) => j.status)).toEqual(['cancelled']);
    expect(stopped).toEqual(['#7 closed: cancelled']);
  });

  it('on start, a job this worker left running before a restart is reported interrupted and not re-run', async () => {
    const store = await openInMemoryStateStore();
    await store.recordDelivery('d-1', [newJob(7, false)]);
    await store.claimJob('worker-1');
    const ran: string[] = [];
    const { stopped, worker: w } = await setup(async (job) => void ran.push(label(job)), { store });

    await w.start();
    await w.idle();

    expect(stopped).toEqual(['#7 closed: interrupted']);
    expect(ran).toEqual([]);
    expect((await store.listJobs(PR)).map((j) => j.status)).toEqual(['interrupted']);
  });

  it('wake() picks up a job enqueued after start; after stop() nothing more is claimed', async () => {
    const ran: string[] = [];
    const { store, worker: w } = await setup(async (job) => void ran.push(label(job)), { pollMs: 10 });
    await w.start();
    await w.idle();

    await store.recordDelivery('d-1', [newJob(7, false)]);
    w.wake();
    await w.idle();
    await w.stop();
    await store.recordDelivery('d-2', [newJob(7, true)]);
    w.wake();
    await sleep(30);

    expect(ran).toEqual(['#7 closed']);
    expect((await store.listJobs(PR)).map((j) => j.status)).toEqual(['succeeded', 'queued']);
  });
});

/**
 * A job that finishes while a pump is ending (after its last look for work, before the pump is cleared) asks
 * for another look; that wake-up was once lost, and `idle()` waited for the next poll. With an hour's poll:
 */
describe('a wake-up between a pump and its clean-up', () => {
  const withinMs = <T>(promise: Promise<T>, ms: number) => Promise.race([promise.then(() => 'settled'), sleep(ms).then(() => 'still waiting')]);

  it('idle() resolves once a failing job and the next job of its PR are done', async () => {
    const ran: string[] = [];
    const { store, worker: w } = await setup(async (job) => {
      ran.push(label(job));
      if (!(job.request.type === 'closed' && job.request.merged)) throw new TypeError('boom');
    });
    await store.recordDelivery('d-1', [newJob(7, false), newJob(7, true)]);

    await w.start();
    const idle = await withinMs(w.idle(), 100);

    expect(ran).toEqual(['#7 closed', '#7 merged']);
    expect(idle).toBe('settled');
  });

  it('idle() resolves after a job enqueued and woken for has run', async () => {
    const { store, worker: w } = await setup(async () => {});
    await w.start();
    await w.idle();
    await store.recordDelivery('d-1', [newJob(7, false)]);

    w.wake();

    expect(await withinMs(w.idle(), 100)).toBe('settled');
  });
});
