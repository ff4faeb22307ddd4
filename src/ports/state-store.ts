import type { Job, JobStatus, NewJob } from '../core/job.ts';
import type { Lock, LockAttempt } from '../core/lock.ts';
import type { Plan } from '../core/plan.ts';
import type { ProjectKey } from '../core/project.ts';
import type { PullRequestRef } from '../core/pull-request.ts';

export type AuditEntry = {
  readonly at: string;
  readonly pr: PullRequestRef;
  readonly actor: string;
  readonly action: string;
  readonly detail: Readonly<Record<string, unknown>>;
};

export interface DeliveryAndJobStore {
  /**
   * Records a webhook delivery and enqueues its jobs in one transaction.
   * Returns `duplicate: true` (and enqueues nothing) when the delivery id was seen before.
   */
  recordDelivery(deliveryId: string, jobs: readonly NewJob[]): Promise<{ duplicate: boolean; jobs: Job[] }>;
  /**
   * Claims the oldest queued job whose PR has no running job, marks it running for `workerId`.
   * Safe with several workers on one database: each job is claimed exactly once, and jobs of one PR run in order.
   */
  claimJob(workerId: string): Promise<Job | undefined>;
  finishJob(jobId: string, outcome: { status: Exclude<JobStatus, 'queued' | 'running'>; error?: string }): Promise<void>;
  /** Marks every queued job of the PR cancelled; returns them. */
  cancelQueuedJobs(pr: PullRequestRef): Promise<Job[]>;
  /**
   * Asks whichever worker runs the PR's job to stop it — durably, so a worker in another process sees it on
   * its next poll. Returns the running jobs asked (none when nothing runs).
   */
  requestCancel(pr: PullRequestRef): Promise<Job[]>;
  /** Of these jobs, the ids of those still running whose cancel was requested. */
  cancelRequested(jobIds: readonly string[]): Promise<string[]>;
  /**
   * After a restart: jobs left `running` by `workerId` (or by any worker, when omitted) become `interrupted`
   * and are returned, so they can be reported; they are never re-run silently.
   */
  interruptRunningJobs(workerId?: string): Promise<Job[]>;
}

export interface LockStore {
  /** Takes the lock for `lock.pr`, or returns the holder. Re-acquiring one's own lock succeeds. */
  acquireLock(lock: Lock): Promise<LockAttempt>;
  getLock(key: ProjectKey): Promise<Lock | undefined>;
  /** Releases the lock if `pr` holds it; returns whether it did. */
  releaseLock(key: ProjectKey, pr: number): Promise<boolean>;
  releaseLocksOf(pr: PullRequestRef): Promise<Lock[]>;
}

export interface PlanStore {
  /** Stores plans; an existing plan of the same PR and project is replaced. */
  savePlans(plans: readonly Plan[]): Promise<void>;
  listPlans(pr: PullRequestRef): Promise<Plan[]>;
  /** Deletes the PR's plans, or only those of `projects`. */
  deletePlans(pr: PullRequestRef, projects?: readonly string[]): Promise<void>;
  markApplied(planId: string, at: string): Promise<void>;
}

export interface CommentStore {
  getStickyCommentIds(pr: PullRequestRef): Promise<number[]>;
  setStickyCommentIds(pr: PullRequestRef, ids: readonly number[]): Promise<void>;
}

/** An owner's approval of one policy violation item (sticky across re-plans while the item remains). */
export type PolicyApproval = {
  readonly pr: PullRequestRef;
  readonly project: string;
  readonly ruleId: string;
  /** Hash of the rule, project and the facts that triggered it. */
  readonly item: string;
  readonly approver: string;
  readonly approvedAt: string;
};

export interface PolicyApprovalStore {
  /** Records approvals; approving the same item again keeps the first record. */
  addPolicyApprovals(approvals: readonly PolicyApproval[]): Promise<void>;
  listPolicyApprovals(pr: PullRequestRef): Promise<PolicyApproval[]>;
  /** Withdraws the PR's approvals matching every given filter (all of them without filters); returns how many. */
  clearPolicyApprovals(pr: PullRequestRef, filter?: { approver?: string; project?: string; ruleIds?: readonly string[] }): Promise<number>;
}

export interface AuditLog {
  appendAudit(entry: AuditEntry): Promise<void>;
}

/** What the services write and read as they run jobs: everything but the operator's inspection reads. */
export interface ServiceStore extends DeliveryAndJobStore, LockStore, PlanStore, CommentStore, PolicyApprovalStore, AuditLog {}

/**
 * Reads for operators and their tools (the tests today, the web UI of locks and runs next): no use case
 * depends on them, so they stay out of `ServiceStore`.
 */
export interface StoreInspection {
  /** The running job of a PR, if any. */
  runningJob(pr: PullRequestRef): Promise<Job | undefined>;
  getJob(jobId: string): Promise<Job | undefined>;
  listJobs(pr: PullRequestRef): Promise<Job[]>;
  listLocks(repo: string): Promise<Lock[]>;
  listAudit(pr: PullRequestRef): Promise<AuditEntry[]>;
}

/** The whole state store an adapter implements (SQLite, PostgreSQL, the in-memory fake). */
export interface StateStore extends ServiceStore, StoreInspection {
  close(): Promise<void>;
}
