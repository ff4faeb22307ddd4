/**
 * StateStore on SQLite (`node:sqlite`): the default for a single Sluice process. Every write that reads first
 * runs in a `BEGIN IMMEDIATE` transaction, which takes SQLite's write lock up front, so two processes sharing
 * the file (e.g. `serve` and a `worker`) serialize instead of racing; `busy_timeout` makes the loser wait.
 */
import { randomUUID } from 'node:crypto';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Job, NewJob } from '../../core/job.ts';
import type { Lock, LockAttempt } from '../../core/lock.ts';
import type { Plan } from '../../core/plan.ts';
import type { ProjectKey } from '../../core/project.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { AuditEntry, StateStore } from '../../ports/state-store.ts';
import { SQLITE_ADDED_COLUMNS, SQLITE_SCHEMA } from './sqlite-schema.ts';
import {
  AUDIT_COLUMNS, JOB_COLUMNS, LOCK_COLUMNS, PLAN_COLUMNS, auditValues, byKey, bySeq, commentIds, lockValues, newJobValues,
  planValues, rowToAudit, rowToJob, rowToLock, rowToPlan, storeAction, type Row, type SqlValue,
  POLICY_APPROVAL_COLUMNS, POLICY_APPROVAL_ORDER, policyApprovalValues, rowToPolicyApproval,
} from './store-rows.ts';

export type SqliteStateStoreOptions = {
  /** A file path, or `:memory:` for a private in-memory database. */
  readonly path: string;
  readonly clock?: Clock;
  /** How long a write waits for another process's transaction, in milliseconds; default 5000. */
  readonly busyTimeoutMs?: number;
  /** SQLite's `synchronous` setting; default NORMAL (see below). */
  readonly synchronous?: 'NORMAL' | 'FULL';
};

function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

/** The oldest queued job that heads its PR's queue (no running job, no earlier queued job of the PR). */
const CLAIM_SQL = `
UPDATE jobs SET status = 'running', worker_id = ?, started_at = ?, attempts = attempts + 1
WHERE id = (
  SELECT j.id FROM jobs j
  WHERE j.status = 'queued'
    AND NOT EXISTS (
      SELECT 1 FROM jobs o
      WHERE o.repo = j.repo AND o.pr = j.pr AND (o.status = 'running' OR (o.status = 'queued' AND o.seq < j.seq))
    )
  ORDER BY j.seq LIMIT 1
)
RETURNING *`;

type Database = {
  readonly all: (sql: string, ...params: SqlValue[]) => Row[];
  readonly get: (sql: string, ...params: SqlValue[]) => Row | undefined;
  readonly run: (sql: string, ...params: SqlValue[]) => number;
  readonly transaction: <T>(fn: () => T) => T;
};

function wrapDatabase(db: DatabaseSync): Database {
  const statements = new Map<string, StatementSync>();
  const statement = (sql: string): StatementSync => {
    let prepared = statements.get(sql);
    if (prepared === undefined) {
      prepared = db.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  };
  return {
    all: (sql, ...params) => statement(sql).all(...params),
    get: (sql, ...params) => statement(sql).get(...params),
    run: (sql, ...params) => Number(statement(sql).run(...params).changes),
    transaction: (fn) => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = fn();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
  };
}

export async function openSqliteStateStore(options: SqliteStateStoreOptions): Promise<StateStore> {
  const db = new DatabaseSync(options.path);
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  if (options.path !== ':memory:') db.exec('PRAGMA journal_mode = WAL');
  // In WAL mode, NORMAL commits survive a crash or restart of Sluice (the WAL is written before COMMIT
  // returns); only an OS crash or power loss can drop the last transactions. FULL would fsync on every
  // commit (~4 ms here), serializing webhook acknowledgements. Deployments that need power-loss
  // durability use the PostgreSQL store.
  db.exec(`PRAGMA synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.exec(SQLITE_SCHEMA);
  addMissingColumns(db);
  return createSqliteStateStore(db, options.clock ?? systemClock);
}

/** Upgrades a database made by an older Sluice: SQLite has no `ADD COLUMN IF NOT EXISTS`. */
function addMissingColumns(db: DatabaseSync): void {
  for (const [table, column, type] of SQLITE_ADDED_COLUMNS) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all().map((row) => String(row['name']));
    if (!columns.includes(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
}

function createSqliteStateStore(raw: DatabaseSync, clock: Clock): StateStore {
  const db = wrapDatabase(raw);
  const now = (): string => clock.now().toISOString();
  const jobsWhere = (where: string, ...params: SqlValue[]): Job[] =>
    db.all(`SELECT * FROM jobs WHERE ${where} ORDER BY seq`, ...params).map(rowToJob);

  return {
    recordDelivery: (deliveryId, jobs) => storeAction(`recording delivery ${deliveryId}`, () =>
      db.transaction(() => {
        const inserted = db.run('INSERT INTO deliveries (id, received_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING', deliveryId, now());
        if (inserted === 0) return { duplicate: true, jobs: [] };
        return { duplicate: false, jobs: jobs.map((job) => insertJob(db, job, now())) };
      })),

    claimJob: (workerId) => storeAction(`claiming a job for ${workerId}`, () =>
      db.transaction(() => {
        const row = db.get(CLAIM_SQL, workerId, now());
        return row === undefined ? undefined : rowToJob(row);
      })),

    finishJob: (jobId, outcome) => storeAction(`finishing job ${jobId}`, () => {
      db.run('UPDATE jobs SET status = ?, finished_at = ?, error = ? WHERE id = ?', outcome.status, now(), outcome.error ?? null, jobId);
    }),

    cancelQueuedJobs: (pr) => storeAction(`cancelling queued jobs of ${pr.repo}#${pr.number}`, () =>
      bySeq(db.all(
        "UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE repo = ? AND pr = ? AND status = 'queued' RETURNING *",
        now(), pr.repo, pr.number,
      )).map(rowToJob)),

    runningJob: (pr) => storeAction(`reading the running job of ${pr.repo}#${pr.number}`, () =>
      jobsWhere("repo = ? AND pr = ? AND status = 'running'", pr.repo, pr.number)[0]),

    requestCancel: (pr) => storeAction(`asking to cancel the running job of ${pr.repo}#${pr.number}`, () =>
      bySeq(db.all(
        "UPDATE jobs SET cancel_requested_at = COALESCE(cancel_requested_at, ?) WHERE repo = ? AND pr = ? AND status = 'running' RETURNING *",
        now(), pr.repo, pr.number,
      )).map(rowToJob)),

    cancelRequested: (jobIds) => storeAction('reading cancel requests', () =>
      jobIds.length === 0 ? [] : db.all(
        `SELECT id FROM jobs WHERE status = 'running' AND cancel_requested_at IS NOT NULL AND id IN (${jobIds.map(() => '?').join(', ')})`,
        ...jobIds,
      ).map((row) => String(row['id']))),

    interruptRunningJobs: (workerId) => storeAction('interrupting running jobs', () =>
      bySeq(db.all(
        "UPDATE jobs SET status = 'interrupted', finished_at = ? WHERE status = 'running' AND (? IS NULL OR worker_id = ?) RETURNING *",
        now(), workerId ?? null, workerId ?? null,
      )).map(rowToJob)),

    getJob: (jobId) => storeAction(`reading job ${jobId}`, () => jobsWhere('id = ?', jobId)[0]),

    listJobs: (pr) => storeAction(`listing jobs of ${pr.repo}#${pr.number}`, () =>
      jobsWhere('repo = ? AND pr = ?', pr.repo, pr.number)),

    acquireLock: (lock) => storeAction(`locking ${lock.repo}#${lock.project}@${lock.target}`, () =>
      db.transaction(() => acquireLock(db, lock))),

    getLock: (key) => storeAction(`reading lock ${key.repo}#${key.project}@${key.target}`, () => getLock(db, key)),

    releaseLock: (key, pr) => storeAction(`unlocking ${key.repo}#${key.project}@${key.target}`, () =>
      db.run('DELETE FROM locks WHERE repo = ? AND project = ? AND target = ? AND pr = ?', key.repo, key.project, key.target, pr) > 0),

    releaseLocksOf: (pr) => storeAction(`unlocking every project of ${pr.repo}#${pr.number}`, () =>
      byKey(db.all('DELETE FROM locks WHERE repo = ? AND pr = ? RETURNING *', pr.repo, pr.number).map(rowToLock))),

    listLocks: (repo) => storeAction(`listing locks of ${repo}`, () =>
      db.all('SELECT * FROM locks WHERE repo = ? ORDER BY project, target', repo).map(rowToLock)),

    savePlans: (plans) => storeAction('saving plans', () => db.transaction(() => plans.forEach((plan) => savePlan(db, plan)))),

    listPlans: (pr) => storeAction(`listing plans of ${pr.repo}#${pr.number}`, () =>
      db.all('SELECT * FROM plans WHERE repo = ? AND pr = ? ORDER BY seq', pr.repo, pr.number).map(rowToPlan)),

    deletePlans: (pr, projects) => storeAction(`deleting plans of ${pr.repo}#${pr.number}`, () => {
      if (projects === undefined) db.run('DELETE FROM plans WHERE repo = ? AND pr = ?', pr.repo, pr.number);
      else db.run('DELETE FROM plans WHERE repo = ? AND pr = ? AND project IN (SELECT value FROM json_each(?))', pr.repo, pr.number, JSON.stringify(projects));
    }),

    markApplied: (planId, at) => storeAction(`marking plan ${planId} applied`, () => {
      db.run('UPDATE plans SET applied_at = ? WHERE id = ?', at, planId);
    }),

    getStickyCommentIds: (pr) => storeAction(`reading sticky comment ids of ${pr.repo}#${pr.number}`, () =>
      commentIds(db.get('SELECT comment_ids FROM sticky_comments WHERE repo = ? AND pr = ?', pr.repo, pr.number))),

    setStickyCommentIds: (pr, ids) => storeAction(`storing sticky comment ids of ${pr.repo}#${pr.number}`, () => {
      db.run(
        'INSERT INTO sticky_comments (repo, pr, comment_ids) VALUES (?, ?, ?) ON CONFLICT (repo, pr) DO UPDATE SET comment_ids = excluded.comment_ids',
        pr.repo, pr.number, JSON.stringify(ids),
      );
    }),

    addPolicyApprovals: (approvals) => storeAction('recording policy approvals', () => db.transaction(() => {
      for (const approval of approvals) {
        db.run(`${insertSql('policy_approvals', POLICY_APPROVAL_COLUMNS)} ON CONFLICT DO NOTHING`, ...policyApprovalValues(approval));
      }
    })),

    listPolicyApprovals: (pr) => storeAction(`listing policy approvals of ${pr.repo}#${pr.number}`, () =>
      db.all(`SELECT * FROM policy_approvals WHERE repo = ? AND pr = ? ${POLICY_APPROVAL_ORDER}`, pr.repo, pr.number).map(rowToPolicyApproval)),

    clearPolicyApprovals: (pr, filter = {}) => storeAction(`withdrawing policy approvals of ${pr.repo}#${pr.number}`, () => db.run(
      `DELETE FROM policy_approvals WHERE repo = ? AND pr = ? AND (? IS NULL OR approver = ?) AND (? IS NULL OR project = ?)
         AND (? IS NULL OR rule_id IN (SELECT value FROM json_each(?)))`,
      pr.repo, pr.number, filter.approver ?? null, filter.approver ?? null, filter.project ?? null, filter.project ?? null,
      filter.ruleIds === undefined ? null : 1, JSON.stringify(filter.ruleIds ?? []),
    )),

    appendAudit: (entry: AuditEntry) => storeAction(`appending to the audit log of ${entry.pr.repo}#${entry.pr.number}`, () => {
      db.run(insertSql('audit', AUDIT_COLUMNS), ...auditValues(entry));
    }),

    listAudit: (pr) => storeAction(`reading the audit log of ${pr.repo}#${pr.number}`, () =>
      db.all('SELECT * FROM audit WHERE repo = ? AND pr = ? ORDER BY seq', pr.repo, pr.number).map(rowToAudit)),

    close: async () => {
      if (raw.isOpen) raw.close();
    },
  };
}

function insertJob(db: Database, job: NewJob, createdAt: string): Job {
  const id = randomUUID();
  db.run(insertSql('jobs', JOB_COLUMNS), ...newJobValues(job, { id, createdAt }));
  const row = db.get('SELECT * FROM jobs WHERE id = ?', id);
  if (row === undefined) throw new Error(`job ${id} vanished after insert`);
  return rowToJob(row);
}

function getLock(db: Database, key: ProjectKey): Lock | undefined {
  const row = db.get('SELECT * FROM locks WHERE repo = ? AND project = ? AND target = ?', key.repo, key.project, key.target);
  return row === undefined ? undefined : rowToLock(row);
}

function acquireLock(db: Database, lock: Lock): LockAttempt {
  if (db.run(`${insertSql('locks', LOCK_COLUMNS)} ON CONFLICT (repo, project, target) DO NOTHING`, ...lockValues(lock)) > 0) {
    return { acquired: true, lock };
  }
  const holder = getLock(db, lock);
  if (holder === undefined) throw new Error('lock vanished inside a transaction');
  if (holder.pr !== lock.pr) return { acquired: false, heldBy: holder };
  db.run(
    'UPDATE locks SET user_login = ?, acquired_at = ? WHERE repo = ? AND project = ? AND target = ?',
    lock.user, lock.acquiredAt, lock.repo, lock.project, lock.target,
  );
  return { acquired: true, lock };
}

function savePlan(db: Database, plan: Plan): void {
  db.run('DELETE FROM plans WHERE (repo = ? AND pr = ? AND project = ?) OR id = ?', plan.pr.repo, plan.pr.number, plan.project, plan.id);
  db.run(insertSql('plans', PLAN_COLUMNS), ...planValues(plan));
}
