import type { PullRequest, PullRequestRef } from './pull-request.ts';
import type { Command } from './command.ts';
import type { Failure } from './outcome.ts';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** What a job asks the worker to do. Everything needed is in the payload; the worker re-reads GitHub state. */
export type JobRequest =
  | {
      readonly type: 'autoplan';
      readonly pullRequest: PullRequest;
      /** The PR was just opened: Sluice has not commented on it yet. */
      readonly opened?: boolean;
    }
  | { readonly type: 'command'; readonly command: Command; readonly commentId?: number; /** Set when the command came from a check run button. */ readonly checkRunId?: number; /** GitHub's author_association of the commenter (OWNER, MEMBER, COLLABORATOR, …). */ readonly association?: string }
  | { readonly type: 'closed'; readonly merged: boolean }
  /** A reply that needs no work: an invalid command, a cancel confirmation. */
  | { readonly type: 'reply'; readonly failure?: Failure; readonly cancelled?: number };

export type Job = {
  readonly id: string;
  readonly pr: PullRequestRef;
  readonly installationId?: number;
  /** GitHub login that caused the job. */
  readonly actor: string;
  readonly request: JobRequest;
  readonly deliveryId: string;
  readonly status: JobStatus;
  readonly attempts: number;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly error?: string;
};

export type NewJob = Pick<Job, 'pr' | 'installationId' | 'actor' | 'request' | 'deliveryId'>;
