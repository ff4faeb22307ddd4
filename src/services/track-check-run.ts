import type { CheckRunUpdate, CodeHost } from '../ports/code-host.ts';

export type CheckRunTracker = {
  /** Moves the run to in_progress with a message; later calls are throttled. */
  progress(message: string): void;
  complete(update: Omit<CheckRunUpdate, 'status'>): Promise<void>;
};

const PROGRESS_INTERVAL_MS = 5_000;

/**
 * Creates a check run as `queued` and returns a tracker. The first progress report moves it to
 * `in_progress` at once; later ones at most every 5 s, so a fast plan costs two API calls.
 */
export async function startCheckRun(
  codeHost: CodeHost,
  options: { repo: string; name: string; headSha: string; externalId: string; now: () => number },
): Promise<CheckRunTracker> {
  const id = await codeHost.createCheckRun(options.repo, { name: options.name, headSha: options.headSha, externalId: options.externalId, status: 'queued' });
  let lastProgressAt = -Infinity;
  let pending: Promise<void> = Promise.resolve();
  return {
    progress(message) {
      const now = options.now();
      if (now - lastProgressAt < PROGRESS_INTERVAL_MS) return;
      lastProgressAt = now;
      pending = pending
        .then(() => codeHost.updateCheckRun(options.repo, id, { status: 'in_progress', title: message, summary: message }))
        .catch(() => undefined); // progress is best effort; the completion reports the result
    },
    async complete(update) {
      await pending;
      await codeHost.updateCheckRun(options.repo, id, { ...update, status: 'completed' });
    },
  };
}
