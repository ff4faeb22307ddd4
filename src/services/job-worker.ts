import type { Job } from '../core/job.ts';
import { prKey } from '../core/pull-request.ts';
import type { Logger } from '../ports/logger.ts';
import type { DeliveryAndJobStore } from '../ports/state-store.ts';
import type { JobStop } from './report-job-failure.ts';

export type JobWorkerOptions = {
  readonly store: DeliveryAndJobStore;
  readonly workerId: string;
  /** Jobs run at once (different PRs); jobs of one PR always run one at a time, in order. */
  readonly concurrency: number;
  /** How often to look for work when not woken by `wake()`. */
  readonly pollMs: number;
  readonly log: Logger;
  readonly run: (job: Job, signal: AbortSignal) => Promise<void>;
  /**
   * Reports a job that did not finish its work: it threw, a restart cut it off (never re-run silently), or
   * it was cancelled. Never throws into the worker.
   */
  readonly onStopped: (job: Job, stop: JobStop) => Promise<void>;
};

export type JobWorker = {
  start(): Promise<void>;
  /** Look for work now (after an enqueue). */
  wake(): void;
  /**
   * Aborts the running job of a PR, if this worker runs it; returns whether it did. A job another process
   * runs is stopped through the store (`requestCancel`): every worker checks for requests as it polls.
   */
  abort(pr: { repo: string; number: number }): boolean;
  /** Stops claiming and waits for running jobs. */
  stop(): Promise<void>;
  /** Resolves when no job is running or queued for this worker to claim (tests, benchmarks). */
  idle(): Promise<void>;
};

/** The durable queue's consumer: claims jobs from the state store and runs them. */
export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const running = new Map<string, { job: Job; controller: AbortController; done: Promise<void> }>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pumping: Promise<void> | undefined;
  let again = false;
  const idleWaiters: Array<() => void> = [];

  async function pump(): Promise<void> {
    do {
      again = false;
      while (!stopped && running.size < options.concurrency) {
        const job = await options.store.claimJob(options.workerId);
        if (!job) break;
        launch(job);
      }
    } while (again && !stopped);
    if (running.size === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  /** Aborts the running jobs whose cancel was requested through the store (from a handler in another process). */
  async function honourCancelRequests(): Promise<void> {
    if (running.size === 0) return;
    for (const id of await options.store.cancelRequested([...running.keys()])) {
      running.get(id)?.controller.abort(new Error('cancelled by a `cancel` command'));
    }
  }

  function tick(): void {
    wake();
    honourCancelRequests().catch((err: unknown) => options.log.error({ err: String(err) }, 'reading cancel requests failed'));
  }

  function wake(): void {
    if (stopped) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = pump()
      .catch((err: unknown) => options.log.error({ err: String(err) }, 'claiming jobs failed'))
      .finally(() => {
        pumping = undefined;
        // A job that finished between the pump's last look and here asked for another: look again.
        if (again && !stopped) wake();
      });
  }

  function launch(job: Job): void {
    const controller = new AbortController();
    const done = execute(job, controller.signal).finally(() => {
      running.delete(job.id);
      wake();
    });
    running.set(job.id, { job, controller, done });
  }

  async function execute(job: Job, signal: AbortSignal): Promise<void> {
    const fields = { job: job.id, pr: prKey(job.pr), type: job.request.type };
    options.log.info(fields, 'job started');
    let stop: JobStop | undefined;
    try {
      await options.run(job, signal);
      stop = signal.aborted ? 'cancelled' : undefined;
      await options.store.finishJob(job.id, { status: stop ?? 'succeeded' });
      options.log.info(fields, 'job finished');
    } catch (err) {
      stop = signal.aborted ? 'cancelled' : 'failed';
      options.log.error({ ...fields, delivery: job.deliveryId, err: err instanceof Error ? err.stack : String(err) }, 'job failed');
      await options.store.finishJob(job.id, { status: stop, error: err instanceof Error ? err.message : String(err) })
        .catch((error: unknown) => options.log.error({ ...fields, err: String(error) }, 'recording a failed job failed'));
    }
    if (stop) await report(job, stop);
  }

  async function report(job: Job, stop: JobStop): Promise<void> {
    await options.onStopped(job, stop).catch((err: unknown) => options.log.error({ job: job.id, pr: prKey(job.pr), err: String(err) }, 'reporting a stopped job failed'));
  }

  return {
    async start() {
      const interrupted = await options.store.interruptRunningJobs(options.workerId);
      for (const job of interrupted) {
        options.log.warn({ job: job.id, pr: prKey(job.pr), delivery: job.deliveryId }, 'job interrupted by a restart');
        await report(job, 'interrupted');
      }
      timer = setInterval(tick, options.pollMs);
      timer.unref();
      wake();
    },
    wake,
    abort(pr) {
      let aborted = false;
      for (const { job, controller } of running.values()) {
        if (job.pr.repo === pr.repo && job.pr.number === pr.number) {
          controller.abort(new Error('cancelled by a `cancel` command'));
          aborted = true;
        }
      }
      return aborted;
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await pumping;
      await Promise.all([...running.values()].map((r) => r.done));
    },
    idle() {
      if (running.size === 0 && !pumping) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };

}
