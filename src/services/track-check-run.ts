import type { CheckRunUpdate, CodeHost } from '../ports/code-host.ts';

export type CheckRunTracker = {
  /** The project's work starts now: the run shows `in_progress` if the work outlasts a short delay. */
  begin(message: string): void;
  /** A progress message ("building 3 of 5 models"); shown at most every few seconds. */
  progress(message: string): void;
  complete(update: Omit<CheckRunUpdate, 'status'>): Promise<void>;
};

/** Work shorter than this goes queued → completed in two API calls; longer work shows in_progress. */
export const IN_PROGRESS_DELAY_MS = 1_500;
const PROGRESS_INTERVAL_MS = 5_000;

/**
 * Creates a check run as `queued` and returns a tracker that moves it to `in_progress` (with the latest
 * progress message) only when the work takes longer than IN_PROGRESS_DELAY_MS, then throttles updates.
 * A fast plan costs two API calls; a long one shows its progress.
 */
export async function startCheckRun(
  codeHost: CodeHost,
  options: { repo: string; name: string; headSha: string; externalId: string; now: () => number },
): Promise<CheckRunTracker> {
  const id = await codeHost.createCheckRun(options.repo, { name: options.name, headSha: options.headSha, externalId: options.externalId, status: 'queued' });
  let message = '';
  let shownAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let pending: Promise<void> = Promise.resolve();
  let done = false;
  const show = () => {
    if (done) return;
    shownAt = options.now();
    const text = message;
    pending = pending
      .then(() => codeHost.updateCheckRun(options.repo, id, { status: 'in_progress', title: text, summary: text }))
      .catch(() => undefined); // progress is best effort; completion reports the result
  };
  return {
    begin(first) {
      message = first;
      timer = setTimeout(show, IN_PROGRESS_DELAY_MS);
      timer.unref();
    },
    progress(next) {
      message = next;
      if (shownAt !== undefined && options.now() - shownAt >= PROGRESS_INTERVAL_MS) show();
    },
    async complete(update) {
      done = true;
      clearTimeout(timer);
      await pending;
      await codeHost.updateCheckRun(options.repo, id, { ...update, status: 'completed' });
    },
  };
}
