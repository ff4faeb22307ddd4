import picomatch from 'picomatch';
import type { ServerConfig } from '../config/schema.ts';
import type { NewJob } from '../core/job.ts';
import type { Logger } from '../ports/logger.ts';
import type { StateStore } from '../ports/state-store.ts';

/** What the thin webhook handlers need: record, enqueue, wake the worker. */
export type HandlerDeps = {
  readonly store: StateStore;
  readonly server: ServerConfig;
  readonly log: Logger;
  /** `@<slug>` also addresses the bot. */
  readonly appSlug?: string;
  readonly wake: () => void;
  readonly abort: (pr: { repo: string; number: number }) => boolean;
};

export type Delivery<P> = { readonly id: string; readonly payload: P };

/** Records the delivery and its jobs in one transaction, then wakes the worker. Duplicates change nothing. */
export async function enqueue(deps: HandlerDeps, deliveryId: string, jobs: readonly NewJob[]): Promise<void> {
  const { duplicate } = await deps.store.recordDelivery(deliveryId, jobs);
  if (duplicate) {
    deps.log.info({ delivery: deliveryId }, 'duplicate delivery dropped');
    return;
  }
  if (jobs.length > 0) deps.wake();
}

/** The repo allowlist of the server config (globs over `owner/name`); empty allows every installed repo. */
export function repoAllowed(server: ServerConfig, repo: string): boolean {
  return server.repos.length === 0 || server.repos.some((glob) => picomatch.isMatch(repo, glob, { nocase: true }));
}
