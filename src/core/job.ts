import type { PullRequestRef } from './pull-request.ts';
import type { Command } from '../commands/command.ts';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** What a job asks the worker to do. Everything needed is in the payload; the worker re-reads GitHub state. */
export type JobRequest =
  | { readonly type: 'autoplan'; readonly headSha: string }
  | { readonly type: 'command'; readonly command: Command; readonly commentId?: number }
  | { readonly type: 'closed'; readonly merged: boolean };

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
