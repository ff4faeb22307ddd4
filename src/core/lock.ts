import type { ProjectKey } from './project.ts';
import type { PullRequestRef } from './pull-request.ts';

export type Lock = ProjectKey & {
  readonly pr: number;
  /** Who triggered the plan that took the lock. */
  readonly user: string;
  readonly acquiredAt: string;
};

export type LockAttempt =
  | { readonly acquired: true; readonly lock: Lock }
  | { readonly acquired: false; readonly heldBy: Lock };

export function ownsLock(lock: Lock | undefined, pr: PullRequestRef): boolean {
  return lock !== undefined && lock.repo === pr.repo && lock.pr === pr.number;
}
