/**
 * StateStore on PostgreSQL: for several Sluice replicas and workers sharing one database. Tables live in
 * `schema` (default `public`), reached through each connection's `search_path`. See `postgres-claim-job.ts`
 * for how concurrent workers claim jobs exactly once and in per-PR order.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Job, NewJob } from '../../core/job.ts';
import type { Lock, LockAttempt } from '../../core/lock.ts';
import type { Plan } from '../../core/plan.ts';
import type { ProjectKey } from '../../core/project.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { StateStore } from '../../ports/state-store.ts';
import { claimJobOnPostgres } from './postgres-claim-job.ts';
import { createPool, inTransaction, migrate, type Queryable } from './postgres-client.ts';
import {
  AUDIT_COLUMNS, JOB_COLUMNS, LOCK_COLUMNS, PLAN_COLUMNS, auditValues, byKey, bySeq, commentIds, lockValues,
  newJobValues, planValues, rowToAudit, rowToJob, rowToLock, rowToPlan, storeAction, type SqlValue,
  POLICY_APPROVAL_COLUMNS, POLICY_APPROVAL_ORDER, policyApprovalValues, rowToPolicyApproval,
} from './store-rows.ts';

export type PostgresStateStoreOptions = {
  /** `postgres://user@host:port/database`. */
  readonly connectionString: string;
  /** Schema holding Sluice's tables, created when missing; default `public`. */
  readonly schema?: string;
  readonly clock?: Clock;
  /** Most connections the pool opens; default 10. */
  readonly maxConnections?: number;
};

function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
}

const LOCK_KEY = 'repo = $1 AND project = $2 AND target = $3';

export async function openPostgresStateStore(options: PostgresStateStoreOptions): Promise<StateStore> {
  const schema = options.schema ?? 'public';
  const pool = createPool({ connectionString: options.connectionString, schema, maxConnections: options.maxConnections ?? 10 });
  try {
    await storeAction(`creating the state store schema ${schema}`, () => migrate(pool, schema));
  } catch (error) {
    await pool.end();
    throw error;
  }
  return createPostgresStateStore(pool, { schema, clock: options.clock ?? systemClock });
}

function createPostgresStateStore(pool: pg.Pool, options: { schema: string; clock: Clock }): StateStore {
  const now = (): string => options.clock.now().toISOString();
  const query = async (sql: string, ...params: (SqlValue | readonly SqlValue[])[]) => (await pool.query(sql, params)).rows;
  const jobsWhere = async (where: string, ...params: SqlValue[]): Promise<Job[]> =>
    (await query(`SELECT * FROM jobs WHERE ${where} ORDER BY seq`, ...params)).map(rowToJob);
  let closed = false;

  return {
    recordDelivery: (deliveryId, jobs) => storeAction(`recording delivery ${deliveryId}`, () =>
      inTransaction(pool, async (client) => {
        const inserted = await client.query('INSERT INTO deliveries (id, received_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [deliveryId, now()]);
        if (inserted.rowCount === 0) return { duplicate: true, jobs: [] };
        const created: Job[] = [];
        for (const job of jobs) created.push(await insertJob(client, job, now()));
        return { duplicate: false, jobs: created };
      })),

    claimJob: (workerId) => storeAction(`claiming a job for ${workerId}`, () =>
      claimJobOnPostgres(pool, { workerId, schema: options.schema, now })),

    finishJob: (jobId, outcome) => storeAction(`finishing job ${jobId}`, async () => {
      await query('UPDATE jobs SET status = $1, finished_at = $2, error = $3 WHERE id = $4', outcome.status, now(), outcome.error ?? null, jobId);
    }),

    cancelQueuedJobs: (pr) => storeAction(`cancelling queued jobs of ${pr.repo}#${pr.number}`, async () =>
      bySeq(await query(
        "UPDATE jobs SET status = 'cancelled', finished_at = $1 WHERE repo = $2 AND pr = $3 AND status = 'queued' RETURNING *",
        now(), pr.repo, pr.number,
      )).map(rowToJob)),

    runningJob: (pr) => storeAction(`reading the running job of ${pr.repo}#${pr.number}`, async () =>
      (await jobsWhere("repo = $1 AND pr = $2 AND status = 'running'", pr.repo, pr.number))[0]),

    requestCancel: (pr) => storeAction(`asking to cancel the running job of ${pr.repo}#${pr.number}`, async () =>
      bySeq(await query(
        "UPDATE jobs SET cancel_requested_at = COALESCE(cancel_requested_at, $1) WHERE repo = $2 AND pr = $3 AND status = 'running' RETURNING *",
        now(), pr.repo, pr.number,
      )).map(rowToJob)),

    cancelRequested: (jobIds) => storeAction('reading cancel requests', async () =>
      jobIds.length === 0 ? [] : (await query(
        "SELECT id FROM jobs WHERE status = 'running' AND cancel_requested_at IS NOT NULL AND id = ANY($1::text[])",
        [...jobIds],
      )).map((row) => String(row['id']))),

    interruptRunningJobs: (workerId) => storeAction('interrupting running jobs', async () =>
      bySeq(await query(
        "UPDATE jobs SET status = 'interrupted', finished_at = $1 WHERE status = 'running' AND ($2::text IS NULL OR worker_id = $2) RETURNING *",
        now(), workerId ?? null,
      )).map(rowToJob)),

    getJob: (jobId) => storeAction(`reading job ${jobId}`, async () => (await jobsWhere('id = $1', jobId))[0]),

    listJobs: (pr) => storeAction(`listing jobs of ${pr.repo}#${pr.number}`, () => jobsWhere('repo = $1 AND pr = $2', pr.repo, pr.number)),

    acquireLock: (lock) => storeAction(`locking ${lock.repo}#${lock.project}@${lock.target}`, () => acquireLock(pool, lock)),

    getLock: (key) => storeAction(`reading lock ${key.repo}#${key.project}@${key.target}`, () => getLock(pool, key)),

    releaseLock: (key, pr) => storeAction(`unlocking ${key.repo}#${key.project}@${key.target}`, async () =>
      ((await pool.query(`DELETE FROM locks WHERE ${LOCK_KEY} AND pr = $4`, [key.repo, key.project, key.target, pr])).rowCount ?? 0) > 0),

    releaseLocksOf: (pr) => storeAction(`unlocking every project of ${pr.repo}#${pr.number}`, async () =>
      byKey((await query('DELETE FROM locks WHERE repo = $1 AND pr = $2 RETURNING *', pr.repo, pr.number)).map(rowToLock))),

    listLocks: (repo) => storeAction(`listing locks of ${repo}`, async () =>
      (await query('SELECT * FROM locks WHERE repo = $1 ORDER BY project COLLATE "C", target COLLATE "C"', repo)).map(rowToLock)),

    savePlans: (plans) => storeAction('saving plans', () =>
      inTransaction(pool, async (client) => {
        for (const plan of plans) await savePlan(client, plan);
      })),

    listPlans: (pr) => storeAction(`listing plans of ${pr.repo}#${pr.number}`, async () =>
      (await query('SELECT * FROM plans WHERE repo = $1 AND pr = $2 ORDER BY seq', pr.repo, pr.number)).map(rowToPlan)),

    deletePlans: (pr, projects) => storeAction(`deleting plans of ${pr.repo}#${pr.number}`, async () => {
      if (projects === undefined) await query('DELETE FROM plans WHERE repo = $1 AND pr = $2', pr.repo, pr.number);
      else await query('DELETE FROM plans WHERE repo = $1 AND pr = $2 AND project = ANY($3::text[])', pr.repo, pr.number, projects);
    }),

    markApplied: (planId, at) => storeAction(`marking plan ${planId} applied`, async () => {
      await query('UPDATE plans SET applied_at = $1 WHERE id = $2', at, planId);
    }),

    getStickyCommentIds: (pr) => storeAction(`reading sticky comment ids of ${pr.repo}#${pr.number}`, async () =>
      commentIds((await query('SELECT comment_ids FROM sticky_comments WHERE repo = $1 AND pr = $2', pr.repo, pr.number))[0])),

    setStickyCommentIds: (pr, ids) => storeAction(`storing sticky comment ids of ${pr.repo}#${pr.number}`, async () => {
      await query(
        'INSERT INTO sticky_comments (repo, pr, comment_ids) VALUES ($1, $2, $3) ON CONFLICT (repo, pr) DO UPDATE SET comment_ids = excluded.comment_ids',
        pr.repo, pr.number, JSON.stringify(ids),
      );
    }),

    addPolicyApprovals: (approvals) => storeAction('recording policy approvals', () =>
      inTransaction(pool, async (client) => {
        for (const approval of approvals) {
          await client.query(`${insertSql('policy_approvals', POLICY_APPROVAL_COLUMNS)} ON CONFLICT DO NOTHING`, policyApprovalValues(approval));
        }
      })),

    listPolicyApprovals: (pr) => storeAction(`listing policy approvals of ${pr.repo}#${pr.number}`, async () =>
      (await query(`SELECT * FROM policy_approvals WHERE repo = $1 AND pr = $2 ${POLICY_APPROVAL_ORDER}`, pr.repo, pr.number)).map(rowToPolicyApproval)),

    clearPolicyApprovals: (pr, filter = {}) => storeAction(`withdrawing policy approvals of ${pr.repo}#${pr.number}`, async () =>
      (await pool.query(
        `DELETE FROM policy_approvals WHERE repo = $1 AND pr = $2 AND ($3::text IS NULL OR approver = $3) AND ($4::text IS NULL OR project = $4)
           AND ($5::text[] IS NULL OR rule_id = ANY($5::text[]))`,
        [pr.repo, pr.number, filter.approver ?? null, filter.project ?? null, filter.ruleIds === undefined ? null : [...filter.ruleIds]],
      )).rowCount ?? 0),

    appendAudit: (entry) => storeAction(`appending to the audit log of ${entry.pr.repo}#${entry.pr.number}`, async () => {
      await query(insertSql('audit', AUDIT_COLUMNS), ...auditValues(entry));
    }),

    listAudit: (pr) => storeAction(`reading the audit log of ${pr.repo}#${pr.number}`, async () =>
      (await query('SELECT * FROM audit WHERE repo = $1 AND pr = $2 ORDER BY seq', pr.repo, pr.number)).map(rowToAudit)),

    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

async function insertJob(client: Queryable, job: NewJob, createdAt: string): Promise<Job> {
  const values = newJobValues(job, { id: randomUUID(), createdAt });
  const row = (await client.query(`${insertSql('jobs', JOB_COLUMNS)} RETURNING *`, values)).rows[0];
  if (row === undefined) throw new Error('inserting a job returned no row');
  return rowToJob(row);
}

async function getLock(client: Queryable, key: ProjectKey): Promise<Lock | undefined> {
  const row = (await client.query(`SELECT * FROM locks WHERE ${LOCK_KEY}`, [key.repo, key.project, key.target])).rows[0];
  return row === undefined ? undefined : rowToLock(row);
}

/**
 * `INSERT ... ON CONFLICT DO NOTHING` decides atomically who holds the key: a concurrent insert of the same key
 * waits for the first to commit, then does nothing. Then, in the same transaction, the holder row is read
 * `FOR UPDATE`; when it is ours the user and time are refreshed. If the holder released the lock in between,
 * the attempt is repeated.
 */
async function acquireLock(pool: pg.Pool, lock: Lock): Promise<LockAttempt> {
  for (;;) {
    const attempt = await inTransaction(pool, async (client): Promise<LockAttempt | undefined> => {
      const inserted = await client.query(`${insertSql('locks', LOCK_COLUMNS)} ON CONFLICT (repo, project, target) DO NOTHING`, lockValues(lock));
      if (inserted.rowCount === 1) return { acquired: true, lock };
      const row = (await client.query(`SELECT * FROM locks WHERE ${LOCK_KEY} FOR UPDATE`, [lock.repo, lock.project, lock.target])).rows[0];
      if (row === undefined) return undefined;
      const holder = rowToLock(row);
      if (holder.pr !== lock.pr) return { acquired: false, heldBy: holder };
      await client.query(`UPDATE locks SET user_login = $4, acquired_at = $5 WHERE ${LOCK_KEY}`, [lock.repo, lock.project, lock.target, lock.user, lock.acquiredAt]);
      return { acquired: true, lock };
    });
    if (attempt !== undefined) return attempt;
  }
}

async function savePlan(client: Queryable, plan: Plan): Promise<void> {
  await client.query('DELETE FROM plans WHERE (repo = $1 AND pr = $2 AND project = $3) OR id = $4', [plan.pr.repo, plan.pr.number, plan.project, plan.id]);
  await client.query(insertSql('plans', PLAN_COLUMNS), planValues(plan));
}
