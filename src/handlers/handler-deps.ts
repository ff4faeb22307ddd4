import picomatch from 'picomatch';
import type { ServerConfig } from '../config/schema.ts';
import type { NewJob } from '../core/job.ts';
import type { PullRequestRef } from '../core/pull-request.ts';
import type { Logger } from '../ports/logger.ts';
import type { DeliveryAndJobStore } from '../ports/state-store.ts';

/** What the thin webhook handlers need: record, enqueue, wake the worker. */
export type HandlerDeps = {
  readonly store: DeliveryAndJobStore;
  readonly server: ServerConfig;
  readonly log: Logger;
  /** `@<slug>` also addresses the bot. */
  readonly appSlug?: string;
  readonly wake: () => void;
  /**
   * Runs an authorized `cancel` at once (it must not wait behind the job it cancels); reports its own
   * failures on the PR. Called only for a delivery seen for the first time.
   */
  readonly cancel: (request: CancelDelivery) => Promise<void>;
};

export type CancelDelivery = {
  readonly pr: PullRequestRef;
  readonly installationId?: number;
  readonly actor: string;
  readonly association?: string;
  readonly commentId?: number;
  readonly deliveryId: string;
};

export type Delivery<P> = { readonly id: string; readonly payload: P };

/** Records the delivery and its jobs in one transaction, then wakes the worker. Duplicates change nothing. */
export async function enqueue(deps: HandlerDeps, deliveryId: string, jobs: readonly NewJob[]): Promise<{ duplicate: boolean }> {
  const { duplicate } = await deps.store.recordDelivery(deliveryId, jobs);
  if (duplicate) {
    deps.log.info({ delivery: deliveryId }, 'duplicate delivery dropped');
    return { duplicate };
  }
  if (jobs.length > 0) deps.wake();
  return { duplicate };
}

/** The repo allowlist of the server config (globs over `owner/name`); empty allows every installed repo. */
export function repoAllowed(server: ServerConfig, repo: string): boolean {
  return server.repos.length === 0 || server.repos.some((glob) => picomatch.isMatch(repo, glob, { nocase: true }));
}
