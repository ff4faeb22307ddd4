/**
 * An in-memory StateStore for service and handler tests: the SQLite adapter's semantics (it passes
 * `test/integration/state-store-contract.ts`) on plain arrays and maps, with no I/O.
 *
 * One `InMemoryStateDatabase` is one database; each `open()` returns a handle on it, and `close()` closes only
 * that handle (further calls on it fail with an `AppError('store')`, as a closed SQLite handle does). Every
 * operation runs synchronously inside its promise, so each is atomic, like one transaction of the real stores.
 * Stored values are copies (`structuredClone`): mutating what a caller passed in or got back changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { byKey, storeAction } from '../../src/adapters/store/store-rows.ts';
import type { Job, JobStatus, NewJob } from '../../src/core/job.ts';
import type { Lock, LockAttempt } from '../../src/core/lock.ts';
import type { Plan } from '../../src/core/plan.ts';
import type { ProjectKey } from '../../src/core/project.ts';
import type { PullRequestRef } from '../../src/core/pull-request.ts';
import { systemClock, type Clock } from '../../src/ports/clock.ts';
import type { AuditEntry, PolicyApproval, StateStore } from '../../src/ports/state-store.ts';

export type InMemoryStateDatabase = {
  /** A new handle on this database; what one handle writes, every other handle reads. */
  open(): Promise<StateStore>;
};

export type InMemoryStateDatabaseOptions = {
  /** Stamps job times (created, started, finished, cancel requested) and delivery receipt; default the system clock. */
  readonly clock?: Clock;
};

/** A job row: the `Job` plus the columns `Job` does not expose. */
type JobRow = {
  readonly seq: number;
  job: Job;
  workerId?: string;
  cancelRequestedAt?: string;
};

type PlanRow = { readonly seq: number; plan: Plan };
type AuditRow = { readonly seq: number; readonly entry: AuditEntry };

/** The tables every handle of one database shares. Arrays are kept in insertion (`seq`) order. */
type Tables = {
  nextSeq: number;
  readonly deliveries: Map<string, string>;
  jobs: JobRow[];
  readonly locks: Map<string, Lock>;
  plans: PlanRow[];
  readonly stickyComments: Map<string, readonly number[]>;
  readonly audit: AuditRow[];
  policyApprovals: PolicyApproval[];
};

/** A new, empty in-memory database. */
export function createInMemoryStateDatabase(options: InMemoryStateDatabaseOptions = {}): InMemoryStateDatabase {
  const tables: Tables = {
    nextSeq: 1,
    deliveries: new Map(),
    jobs: [],
    locks: new Map(),
    plans: [],
    stickyComments: new Map(),
    audit: [],
    policyApprovals: [],
  };
  const clock = options.clock ?? systemClock;
  return { open: async () => createHandle(tables, clock) };
}

/** A store on a private database of its own (the in-memory counterpart of SQLite's `:memory:`). */
export function openInMemoryStateStore(options: InMemoryStateDatabaseOptions = {}): Promise<StateStore> {
  return createInMemoryStateDatabase(options).open();
}

const prKeyOf = (pr: PullRequestRef): string => JSON.stringify([pr.repo, pr.number]);
const lockKeyOf = (key: ProjectKey): string => JSON.stringify([key.repo, key.project, key.target]);
const samePr = (a: PullRequestRef, b: PullRequestRef): boolean => a.repo === b.repo && a.number === b.number;
const refOf = (pr: PullRequestRef): PullRequestRef => ({ repo: pr.repo, number: pr.number });
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function copyJob(job: Job): Job {
  return { ...job, pr: refOf(job.pr), request: structuredClone(job.request) };
}

function copyLock(lock: Lock): Lock {
  return { repo: lock.repo, project: lock.project, target: lock.target, pr: lock.pr, user: lock.user, acquiredAt: lock.acquiredAt };
}

/** The plan as a row holds it: a deep copy, `pr` reduced to its ref, no `appliedAt` key unless set. */
function copyPlan(plan: Plan): Plan {
  const { appliedAt, ...rest } = structuredClone(plan);
  const copy = { ...rest, pr: refOf(plan.pr) };
  return (appliedAt === undefined ? copy : { ...copy, appliedAt }) as Plan;
}

function copyAudit(entry: AuditEntry): AuditEntry {
  return { at: entry.at, pr: refOf(entry.pr), actor: entry.actor, action: entry.action, detail: structuredClone(entry.detail) };
}

function copyApproval(a: PolicyApproval): PolicyApproval {
  return { pr: refOf(a.pr), project: a.project, ruleId: a.ruleId, item: a.item, approver: a.approver, approvedAt: a.approvedAt };
}

/** The policy approvals' primary key: one record per PR, project, rule, item and approver. */
const approvalKey = (a: PolicyApproval): string => JSON.stringify([a.pr.repo, a.pr.number, a.project, a.ruleId, a.item, a.approver]);

/** By time, then approver, project, rule and item (the SQL stores' `POLICY_APPROVAL_ORDER`). */
function compareApprovals(a: PolicyApproval, b: PolicyApproval): number {
  return compareText(a.approvedAt, b.approvedAt) || compareText(a.approver, b.approver) || compareText(a.project, b.project)
    || compareText(a.ruleId, b.ruleId) || compareText(a.item, b.item);
}

function newJobRow(tables: Tables, job: NewJob, createdAt: string): JobRow {
  return {
    seq: tables.nextSeq++,
    job: {
      id: randomUUID(),
      pr: refOf(job.pr),
      ...(job.installationId === undefined ? {} : { installationId: job.installationId }),
      actor: job.actor,
      request: structuredClone(job.request),
      deliveryId: job.deliveryId,
      status: 'queued',
      attempts: 0,
      createdAt,
    },
  };
}

/** The oldest queued job that heads its PR's queue (no running job, no earlier queued job of the PR). */
function claimable(jobs: readonly JobRow[]): JobRow | undefined {
  return jobs.find((row) => row.job.status === 'queued' && !jobs.some((other) => samePr(other.job.pr, row.job.pr)
    && (other.job.status === 'running' || (other.job.status === 'queued' && other.seq < row.seq))));
}

/** Sets `status` and `finishedAt`, as the SQL stores' `UPDATE … SET status = ?, finished_at = ?` do. */
function finish(row: JobRow, status: JobStatus, at: string): void {
  row.job = { ...row.job, status, finishedAt: at };
}

function createHandle(tables: Tables, clock: Clock): StateStore {
  let open = true;
  const now = (): string => clock.now().toISOString();
  /**
   * Runs `fn` as one atomic step on an open handle, with the SQL stores' error wording. Each operation reads the
   * clock as often as the SQLite store does (also when nothing matches), so a stepping test clock gives the same times.
   */
  const act = <T>(action: string, fn: () => T): Promise<T> => storeAction(action, () => {
    if (!open) throw new Error('database is not open');
    return fn();
  });
  const jobsOf = (pr: PullRequestRef): JobRow[] => tables.jobs.filter((row) => samePr(row.job.pr, pr));
  const running = (row: JobRow): boolean => row.job.status === 'running';

  return {
    recordDelivery: (deliveryId, jobs) => act(`recording delivery ${deliveryId}`, () => {
      const receivedAt = now();
      if (tables.deliveries.has(deliveryId)) return { duplicate: true, jobs: [] };
      const rows = jobs.map((job) => newJobRow(tables, job, now()));
      tables.deliveries.set(deliveryId, receivedAt);
      tables.jobs.push(...rows);
      return { duplicate: false, jobs: rows.map((row) => copyJob(row.job)) };
    }),

    claimJob: (workerId) => act(`claiming a job for ${workerId}`, () => {
      const startedAt = now();
      const row = claimable(tables.jobs);
      if (row === undefined) return undefined;
      row.job = { ...row.job, status: 'running', startedAt, attempts: row.job.attempts + 1 };
      row.workerId = workerId;
      return copyJob(row.job);
    }),

    finishJob: (jobId, outcome) => act(`finishing job ${jobId}`, () => {
      const finishedAt = now();
      const row = tables.jobs.find((r) => r.job.id === jobId);
      if (row === undefined) return;
      const { error: _previous, ...job } = row.job;
      row.job = { ...job, status: outcome.status, finishedAt, ...(outcome.error === undefined ? {} : { error: outcome.error }) };
    }),

    cancelQueuedJobs: (pr) => act(`cancelling queued jobs of ${pr.repo}#${pr.number}`, () => {
      const at = now();
      const queued = jobsOf(pr).filter((row) => row.job.status === 'queued');
      for (const row of queued) finish(row, 'cancelled', at);
      return queued.map((row) => copyJob(row.job));
    }),

    runningJob: (pr) => act(`reading the running job of ${pr.repo}#${pr.number}`, () => {
      const row = jobsOf(pr).find(running);
      return row === undefined ? undefined : copyJob(row.job);
    }),

    requestCancel: (pr) => act(`asking to cancel the running job of ${pr.repo}#${pr.number}`, () => {
      const at = now();
      const asked = jobsOf(pr).filter(running);
      for (const row of asked) row.cancelRequestedAt ??= at;
      return asked.map((row) => copyJob(row.job));
    }),

    cancelRequested: (jobIds) => act('reading cancel requests', () => {
      const ids = new Set(jobIds);
      return tables.jobs.filter((row) => ids.has(row.job.id) && running(row) && row.cancelRequestedAt !== undefined).map((row) => row.job.id);
    }),

    interruptRunningJobs: (workerId) => act('interrupting running jobs', () => {
      const at = now();
      const rows = tables.jobs.filter((row) => running(row) && (workerId === undefined || row.workerId === workerId));
      for (const row of rows) finish(row, 'interrupted', at);
      return rows.map((row) => copyJob(row.job));
    }),

    getJob: (jobId) => act(`reading job ${jobId}`, () => {
      const row = tables.jobs.find((r) => r.job.id === jobId);
      return row === undefined ? undefined : copyJob(row.job);
    }),

    listJobs: (pr) => act(`listing jobs of ${pr.repo}#${pr.number}`, () => jobsOf(pr).map((row) => copyJob(row.job))),

    acquireLock: (lock) => act(`locking ${lock.repo}#${lock.project}@${lock.target}`, (): LockAttempt => {
      const holder = tables.locks.get(lockKeyOf(lock));
      if (holder !== undefined && holder.pr !== lock.pr) return { acquired: false, heldBy: copyLock(holder) };
      tables.locks.set(lockKeyOf(lock), copyLock(lock));
      return { acquired: true, lock };
    }),

    getLock: (key) => act(`reading lock ${key.repo}#${key.project}@${key.target}`, () => {
      const lock = tables.locks.get(lockKeyOf(key));
      return lock === undefined ? undefined : copyLock(lock);
    }),

    releaseLock: (key, pr) => act(`unlocking ${key.repo}#${key.project}@${key.target}`, () =>
      tables.locks.get(lockKeyOf(key))?.pr === pr && tables.locks.delete(lockKeyOf(key))),

    releaseLocksOf: (pr) => act(`unlocking every project of ${pr.repo}#${pr.number}`, () => {
      const released = [...tables.locks.values()].filter((lock) => lock.repo === pr.repo && lock.pr === pr.number);
      for (const lock of released) tables.locks.delete(lockKeyOf(lock));
      return byKey(released.map(copyLock));
    }),

    listLocks: (repo) => act(`listing locks of ${repo}`, () =>
      byKey([...tables.locks.values()].filter((lock) => lock.repo === repo).map(copyLock))),

    savePlans: (plans) => act('saving plans', () => {
      const copies = plans.map(copyPlan);
      for (const plan of copies) {
        tables.plans = tables.plans.filter(({ plan: p }) => !((samePr(p.pr, plan.pr) && p.project === plan.project) || p.id === plan.id));
        tables.plans.push({ seq: tables.nextSeq++, plan });
      }
    }),

    listPlans: (pr) => act(`listing plans of ${pr.repo}#${pr.number}`, () =>
      tables.plans.filter(({ plan }) => samePr(plan.pr, pr)).map(({ plan }) => copyPlan(plan))),

    deletePlans: (pr, projects) => act(`deleting plans of ${pr.repo}#${pr.number}`, () => {
      const doomed = (plan: Plan): boolean => samePr(plan.pr, pr) && (projects === undefined || projects.includes(plan.project));
      tables.plans = tables.plans.filter(({ plan }) => !doomed(plan));
    }),

    markApplied: (planId, at) => act(`marking plan ${planId} applied`, () => {
      for (const row of tables.plans) if (row.plan.id === planId) row.plan = { ...row.plan, appliedAt: at };
    }),

    getStickyCommentIds: (pr) => act(`reading sticky comment ids of ${pr.repo}#${pr.number}`, () =>
      [...(tables.stickyComments.get(prKeyOf(pr)) ?? [])]),

    setStickyCommentIds: (pr, ids) => act(`storing sticky comment ids of ${pr.repo}#${pr.number}`, () => {
      tables.stickyComments.set(prKeyOf(pr), [...ids]);
    }),

    addPolicyApprovals: (approvals) => act('recording policy approvals', () => {
      const known = new Set(tables.policyApprovals.map(approvalKey));
      for (const approval of approvals) {
        if (known.has(approvalKey(approval))) continue;
        known.add(approvalKey(approval));
        tables.policyApprovals.push(copyApproval(approval));
      }
    }),

    listPolicyApprovals: (pr) => act(`listing policy approvals of ${pr.repo}#${pr.number}`, () =>
      tables.policyApprovals.filter((a) => samePr(a.pr, pr)).sort(compareApprovals).map(copyApproval)),

    clearPolicyApprovals: (pr, filter = {}) => act(`withdrawing policy approvals of ${pr.repo}#${pr.number}`, () => {
      const withdrawn = (a: PolicyApproval): boolean => samePr(a.pr, pr)
        && (filter.approver === undefined || a.approver === filter.approver)
        && (filter.project === undefined || a.project === filter.project)
        && (filter.ruleIds === undefined || filter.ruleIds.includes(a.ruleId));
      const before = tables.policyApprovals.length;
      tables.policyApprovals = tables.policyApprovals.filter((a) => !withdrawn(a));
      return before - tables.policyApprovals.length;
    }),

    appendAudit: (entry) => act(`appending to the audit log of ${entry.pr.repo}#${entry.pr.number}`, () => {
      tables.audit.push({ seq: tables.nextSeq++, entry: copyAudit(entry) });
    }),

    listAudit: (pr) => act(`reading the audit log of ${pr.repo}#${pr.number}`, () =>
      tables.audit.filter(({ entry }) => samePr(entry.pr, pr)).map(({ entry }) => copyAudit(entry))),

    close: async () => {
      open = false;
    },
  };
}
