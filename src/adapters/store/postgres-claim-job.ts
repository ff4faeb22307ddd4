/**
 * Claiming a job on PostgreSQL with many concurrent workers.
 *
 * Each attempt is one short transaction:
 *   1. Pick the oldest queued job that heads its PR's queue (no running job of the PR, no earlier queued job
 *      of the PR) with `FOR UPDATE SKIP LOCKED`: workers never wait on each other and never claim the same row.
 *   2. Take the PR's transaction-scoped advisory lock, `pg_try_advisory_xact_lock(schema key, hashtext(repo#pr))`.
 *      Claims of one PR are thereby serialized: the lock is held until the claim commits.
 *   3. Re-check, in a fresh snapshot taken after the lock was granted, that the PR still has no running job
 *      and no earlier queued job. Step 1's snapshot can be stale (taken before another worker's claim of the
 *      same PR committed, or before a slower enqueue transaction committed an earlier job of the PR); the
 *      fresh snapshot sees every claim committed by the previous holder of the advisory lock.
 *   4. Mark the job running.
 * If the advisory lock is busy (another worker is claiming a job of that PR right now) or the re-check fails,
 * the attempt rolls back and the next candidate is tried; the loop ends when no candidate is left.
 *
 * The unique partial index `jobs_one_running_per_pr` backs this up in the database itself: should two claims
 * of one PR ever both reach step 4, the second fails with a unique violation and is treated as a lost race.
 */
import type pg from 'pg';
import type { Job } from '../../core/job.ts';
import { inTransaction, sqlState, type Queryable } from './postgres-client.ts';
import { integer, rowToJob, text, type Row } from './store-rows.ts';

const CANDIDATE_SQL = `
SELECT j.id, j.repo, j.pr, j.seq FROM jobs j
WHERE j.status = 'queued'
  AND NOT (j.id = ANY($1::text[]))
  AND NOT EXISTS (
    SELECT 1 FROM jobs o
    WHERE o.repo = j.repo AND o.pr = j.pr AND (o.status = 'running' OR (o.status = 'queued' AND o.seq < j.seq))
  )
ORDER BY j.seq
LIMIT 1
FOR UPDATE OF j SKIP LOCKED`;

const PR_LOCK_SQL = 'SELECT pg_try_advisory_xact_lock(hashtext($1), hashtext($2)) AS locked';

const BLOCKED_SQL = `
SELECT 1 FROM jobs
WHERE repo = $1 AND pr = $2 AND (status = 'running' OR (status = 'queued' AND seq < $3))
LIMIT 1`;

const MARK_RUNNING_SQL = `
UPDATE jobs SET status = 'running', worker_id = $2, started_at = $3, attempts = attempts + 1
WHERE id = $1 AND status = 'queued'
RETURNING *`;

type Attempt = { readonly kind: 'claimed'; readonly job: Job } | { readonly kind: 'none' } | { readonly kind: 'skip'; readonly id: string };

export async function claimJobOnPostgres(
  pool: pg.Pool,
  options: { workerId: string; schema: string; now: () => string },
): Promise<Job | undefined> {
  const tried: string[] = [];
  for (;;) {
    const attempt = await claimAttempt(pool, { ...options, tried });
    if (attempt.kind === 'claimed') return attempt.job;
    if (attempt.kind === 'none') return undefined;
    tried.push(attempt.id);
  }
}

async function claimAttempt(
  pool: pg.Pool,
  options: { workerId: string; schema: string; now: () => string; tried: readonly string[] },
): Promise<Attempt> {
  let id: string | undefined;
  try {
    return await inTransaction(pool, async (client): Promise<Attempt> => {
      const candidate = (await client.query(CANDIDATE_SQL, [options.tried])).rows[0];
      if (candidate === undefined) return { kind: 'none' };
      id = text(candidate, 'id');
      if (!(await lockPullRequest(client, options.schema, candidate)) || (await isBlocked(client, candidate))) {
        return { kind: 'skip', id };
      }
      const row = (await client.query(MARK_RUNNING_SQL, [id, options.workerId, options.now()])).rows[0];
      return row === undefined ? { kind: 'skip', id } : { kind: 'claimed', job: rowToJob(row) };
    });
  } catch (error) {
    if (sqlState(error) !== '23505' || id === undefined) throw error;
    // Lost a race caught by jobs_one_running_per_pr: the job stays queued; try the next candidate.
    return { kind: 'skip', id };
  }
}

/** The PR's advisory lock, namespaced by schema so that stores in other schemas never contend for it. */
async function lockPullRequest(client: Queryable, schema: string, candidate: Row): Promise<boolean> {
  const prKey = `${text(candidate, 'repo')}#${integer(candidate, 'pr')}`;
  const row = (await client.query(PR_LOCK_SQL, [`sluice.claim:${schema}`, prKey])).rows[0];
  return row?.['locked'] === true;
}

async function isBlocked(client: Queryable, candidate: Row): Promise<boolean> {
  const params = [text(candidate, 'repo'), integer(candidate, 'pr'), String(candidate['seq'])];
  return (await client.query(BLOCKED_SQL, params)).rows.length > 0;
}
