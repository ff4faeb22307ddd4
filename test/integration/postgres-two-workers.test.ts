/**
 * Two StateStore instances (two pools, as two replicas would have) on one schema: concurrent workers claim
 * every job exactly once, in enqueue order per PR, never two jobs of one PR at a time; and a concurrent lock
 * race never gives one project to two PRs.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStateStore } from '../../src/adapters/store/postgres-state-store.ts';
import { prKey, type PullRequestRef } from '../../src/core/pull-request.ts';
import { createJobWorker } from '../../src/services/job-worker.ts';
import { silentLogger } from '../../src/ports/logger.ts';
import type { StateStore } from '../../src/ports/state-store.ts';
import { lockOf, newJob } from './state-store-contract.ts';
import { TEST_DATABASE_URL, dropSchema, freshSchemaName } from './postgres-test-database.ts';

const JOBS = 200;
const PRS = 20;
const WORKERS_PER_STORE = 2;

const schema = freshSchemaName();
let stores: StateStore[] = [];

beforeAll(async () => {
  const open = () => openPostgresStateStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 4 });
  stores = [await open(), await open()];
});

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await dropSchema(schema);
});

type Run = { readonly jobId: string; readonly pr: string; readonly worker: string };

/** Shared by the worker loops of one test: what runs now, what ran, in which order. */
type Ledger = { readonly running: Map<string, string>; readonly runs: Run[]; readonly overlaps: string[]; done: number };

async function workerLoop(store: StateStore, worker: string, ledger: Ledger, total: number): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (ledger.done < total && performance.now() < deadline) {
    const job = await store.claimJob(worker);
    if (job === undefined) {
      await sleep(Math.random() * 3);
      continue;
    }
    const pr = prKey(job.pr);
    if (ledger.running.has(pr)) ledger.overlaps.push(`${job.id} started while ${ledger.running.get(pr)} of ${pr} ran`);
    ledger.running.set(pr, job.id);
    ledger.runs.push({ jobId: job.id, pr, worker });
    await sleep(Math.random() * 4);
    // Leave the ledger before finishing: once finishJob commits, another worker may rightly start the next job.
    ledger.running.delete(pr);
    await store.finishJob(job.id, { status: 'succeeded' });
    ledger.done += 1;
  }
}

describe('PostgreSQL: concurrent workers on two stores', () => {
  it(`runs ${JOBS} jobs across ${PRS} PRs exactly once, in order per PR, never overlapping`, async () => {
    const prs: PullRequestRef[] = Array.from({ length: PRS }, (_, i) => ({ repo: 'acme/concurrency', number: i + 1 }));
    const expected = new Map<string, string[]>(prs.map((pr) => [prKey(pr), []]));
    const enqueue = async (from: number, to: number): Promise<void> => {
      for (let i = from; i < to; i += 2) {
        // Deliveries of two jobs each, alternating between the stores. Runs of 6 consecutive jobs of one PR make
        // the oldest queued rows belong to one PR, so a worker skipping a locked row meets that PR's next job.
        const delivery = [i, i + 1].map((n) => newJob(prs[Math.floor(n / 6) % PRS] as PullRequestRef));
        const { jobs } = await (stores[(i / 2) % 2] as StateStore).recordDelivery(`delivery-${i}`, delivery);
        for (const job of jobs) expected.get(prKey(job.pr))?.push(job.id);
      }
    };

    await enqueue(0, JOBS / 2);
    const ledger: Ledger = { running: new Map(), runs: [], overlaps: [], done: 0 };
    const workers = stores.flatMap((store, s) =>
      Array.from({ length: WORKERS_PER_STORE }, (_, w) => workerLoop(store, `store${s}-worker${w}`, ledger, JOBS)));
    await Promise.all([enqueue(JOBS / 2, JOBS), ...workers]);

    expect(ledger.overlaps).toEqual([]);
    expect(ledger.runs).toHaveLength(JOBS);
    expect(new Set(ledger.runs.map((r) => r.jobId)).size).toBe(JOBS);
    for (const [pr, ids] of expected) {
      expect(ledger.runs.filter((r) => r.pr === pr).map((r) => r.jobId), pr).toEqual(ids);
    }
    expect(new Set(ledger.runs.map((r) => r.worker)).size).toBeGreaterThan(1);
    for (const pr of prs) {
      const jobs = await (stores[0] as StateStore).listJobs(pr);
      expect(jobs.every((j) => j.status === 'succeeded' && j.attempts === 1)).toBe(true);
    }
    expect(await (stores[1] as StateStore).claimJob('late')).toBeUndefined();
  });

  it('never gives one project to two PRs when both stores race for the same 50 keys', async () => {
    const projects = Array.from({ length: 50 }, (_, i) => `project-${i}`);
    const contenders = [
      { store: 0, pr: { repo: 'acme/locks', number: 101 } },
      { store: 1, pr: { repo: 'acme/locks', number: 102 } },
      { store: 0, pr: { repo: 'acme/locks', number: 103 } },
      { store: 1, pr: { repo: 'acme/locks', number: 104 } },
    ];
    const attempts = await Promise.all(projects.flatMap((project) =>
      contenders.map(async ({ store, pr }) => ({ project, pr: pr.number, attempt: await (stores[store] as StateStore).acquireLock(lockOf(pr, project)) }))));

    for (const project of projects) {
      const mine = attempts.filter((a) => a.project === project);
      const winners = mine.filter((a) => a.attempt.acquired);
      expect(winners, project).toHaveLength(1);
      const winner = winners[0]?.pr;
      const holder = await (stores[1] as StateStore).getLock({ repo: 'acme/locks', project, target: 'prod' });
      expect(holder?.pr, project).toBe(winner);
      for (const a of mine) {
        if (!a.attempt.acquired) expect(a.attempt.heldBy.pr, project).toBe(winner);
      }
    }
    expect(await (stores[0] as StateStore).listLocks('acme/locks')).toHaveLength(projects.length);
  });
});

describe('PostgreSQL: cancelling a job another process runs', () => {
  it('a cancel recorded through one store stops the job a worker on the other store runs', async () => {
    const [mine, theirs] = stores as [StateStore, StateStore];
    const pr: PullRequestRef = { repo: 'acme/cancel', number: 1 };
    const seen: { aborted?: unknown } = {};
    const worker = createJobWorker({
      store: theirs, workerId: 'replica-b', concurrency: 1, pollMs: 50, log: silentLogger,
      run: (_job, signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => {
        seen.aborted = signal.reason;
        resolve();
      })),
      onStopped: async () => undefined,
    });
    await worker.start();
    try {
      const [job] = (await mine.recordDelivery(`cancel-${schema}`, [newJob(pr)])).jobs;
      worker.wake();
      await expect.poll(async () => (await mine.runningJob(pr))?.id, { timeout: 5_000 }).toBe(job?.id);
      expect((await mine.requestCancel(pr)).map((j) => j.id)).toEqual([job?.id]);
      await expect.poll(async () => (await mine.getJob(job?.id ?? ''))?.status, { timeout: 5_000 }).toBe('cancelled');
      expect(String(seen.aborted)).toContain('cancelled by a `cancel` command');
    } finally {
      await worker.stop();
    }
  });
});
