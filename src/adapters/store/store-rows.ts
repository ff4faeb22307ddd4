/**
 * Row mapping shared by the SQLite and PostgreSQL state stores. Both use the same column names; values differ
 * only in driver types (PostgreSQL returns `bigint` columns as strings and `jsonb` already parsed), which the
 * readers below absorb. Timestamps are stored as the ISO strings callers pass in, so they round-trip exactly.
 */
import type { Job, JobRequest, JobStatus, NewJob } from '../../core/job.ts';
import type { Lock } from '../../core/lock.ts';
import { parsePlan, type Plan } from '../../core/plan.ts';
import type { AuditEntry, PolicyApproval } from '../../ports/state-store.ts';
import { AppError } from '../../core/outcome.ts';

export type Row = Readonly<Record<string, unknown>>;
/** What both drivers accept as a parameter. */
export type SqlValue = string | number | null;

function missing(name: string, value: unknown): AppError {
  return new AppError('store', `reading column ${name}: unexpected value ${String(value)}`);
}

export function text(row: Row, name: string): string {
  const value = row[name];
  if (typeof value !== 'string') throw missing(name, value);
  return value;
}

export function optionalText(row: Row, name: string): string | undefined {
  const value = row[name];
  return value === null || value === undefined ? undefined : text(row, name);
}

export function integer(row: Row, name: string): number {
  const value = row[name];
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw missing(name, value);
}

export function optionalInteger(row: Row, name: string): number | undefined {
  const value = row[name];
  return value === null || value === undefined ? undefined : integer(row, name);
}

/** A JSON column: text in SQLite, already parsed `jsonb` in PostgreSQL. */
export function json<T>(row: Row, name: string): T {
  const value = row[name];
  if (value === null || value === undefined) throw missing(name, value);
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Rows a statement returned, in the order of their `seq` column (RETURNING gives no order). */
export function bySeq<R extends Row>(rows: readonly R[]): R[] {
  return [...rows].sort((a, b) => integer(a, 'seq') - integer(b, 'seq'));
}

export const JOB_COLUMNS = [
  'id', 'delivery_id', 'repo', 'pr', 'installation_id', 'actor', 'request', 'status', 'attempts', 'created_at',
] as const;

export function newJobValues(job: NewJob, options: { id: string; createdAt: string }): SqlValue[] {
  return [
    options.id, job.deliveryId, job.pr.repo, job.pr.number, job.installationId ?? null, job.actor,
    JSON.stringify(job.request), 'queued', 0, options.createdAt,
  ];
}

/** A command queued before `-w` was stored as `target` carries it as `workspace`: read it as the target. */
function upgradeRequest(request: JobRequest): JobRequest {
  if (request.type !== 'command') return request;
  const { workspace, ...command } = request.command as typeof request.command & { workspace?: string };
  return workspace === undefined || command.target !== undefined ? request : { ...request, command: { ...command, target: workspace } };
}

export function rowToJob(row: Row): Job {
  const installationId = optionalInteger(row, 'installation_id');
  const startedAt = optionalText(row, 'started_at');
  const finishedAt = optionalText(row, 'finished_at');
  const error = optionalText(row, 'error');
  return {
    id: text(row, 'id'),
    pr: { repo: text(row, 'repo'), number: integer(row, 'pr') },
    ...(installationId === undefined ? {} : { installationId }),
    actor: text(row, 'actor'),
    request: upgradeRequest(json<JobRequest>(row, 'request')),
    deliveryId: text(row, 'delivery_id'),
    status: text(row, 'status') as JobStatus,
    attempts: integer(row, 'attempts'),
    createdAt: text(row, 'created_at'),
    ...(startedAt === undefined ? {} : { startedAt }),
    ...(finishedAt === undefined ? {} : { finishedAt }),
    ...(error === undefined ? {} : { error }),
  };
}

export const LOCK_COLUMNS = ['repo', 'project', 'target', 'pr', 'user_login', 'acquired_at'] as const;

export function lockValues(lock: Lock): SqlValue[] {
  return [lock.repo, lock.project, lock.target, lock.pr, lock.user, lock.acquiredAt];
}

export function rowToLock(row: Row): Lock {
  return {
    repo: text(row, 'repo'),
    project: text(row, 'project'),
    target: text(row, 'target'),
    pr: integer(row, 'pr'),
    user: text(row, 'user_login'),
    acquiredAt: text(row, 'acquired_at'),
  };
}

/** Locks ordered by project, then target (binary order, as `ORDER BY` does in both databases). */
export function byKey(locks: readonly Lock[]): Lock[] {
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...locks].sort((a, b) => compare(a.project, b.project) || compare(a.target, b.target));
}

export const PLAN_COLUMNS = [
  'id', 'repo', 'pr', 'project', 'kind', 'target', 'base_sha', 'head_sha', 'config_hash', 'created_at', 'applied_at',
  'body',
] as const;

/** The plan's identity and binding go to columns; everything else (the `PlanBody`) to one JSON column. */
export function planValues(plan: Plan): SqlValue[] {
  const { id, pr, project, kind, target, baseSha, headSha, configHash, createdAt, appliedAt, ...body } = plan;
  return [
    id, pr.repo, pr.number, project, kind, target, baseSha, headSha, configHash, createdAt, appliedAt ?? null,
    JSON.stringify(body),
  ];
}

/** A stored plan, parsed with the plan schema: a row that does not parse is an `AppError('store')` naming the plan. */
export function rowToPlan(row: Row): Plan {
  const appliedAt = optionalText(row, 'applied_at');
  const id = text(row, 'id');
  const parsed = parsePlan({
    ...json<Record<string, unknown>>(row, 'body'),
    id,
    pr: { repo: text(row, 'repo'), number: integer(row, 'pr') },
    project: text(row, 'project'),
    kind: text(row, 'kind'),
    target: text(row, 'target'),
    baseSha: text(row, 'base_sha'),
    headSha: text(row, 'head_sha'),
    configHash: text(row, 'config_hash'),
    createdAt: text(row, 'created_at'),
    ...(appliedAt === undefined ? {} : { appliedAt }),
  });
  if (!parsed.ok) throw new AppError('store', `reading plan ${id}: ${parsed.message} (a plan made by an older Sluice, or a damaged row: \`unlock\` discards the PR's plans, then plan again)`);
  return parsed.plan;
}

export const AUDIT_COLUMNS = ['repo', 'pr', 'at', 'actor', 'action', 'detail'] as const;

export function auditValues(entry: AuditEntry): SqlValue[] {
  return [entry.pr.repo, entry.pr.number, entry.at, entry.actor, entry.action, JSON.stringify(entry.detail)];
}

export function rowToAudit(row: Row): AuditEntry {
  return {
    at: text(row, 'at'),
    pr: { repo: text(row, 'repo'), number: integer(row, 'pr') },
    actor: text(row, 'actor'),
    action: text(row, 'action'),
    detail: json<Record<string, unknown>>(row, 'detail'),
  };
}

export const POLICY_APPROVAL_COLUMNS = ['repo', 'pr', 'project', 'rule_id', 'item', 'approver', 'approved_at'] as const;

export function policyApprovalValues(a: PolicyApproval): SqlValue[] {
  return [a.pr.repo, a.pr.number, a.project, a.ruleId, a.item, a.approver, a.approvedAt];
}

export function rowToPolicyApproval(row: Row): PolicyApproval {
  return {
    pr: { repo: text(row, 'repo'), number: integer(row, 'pr') },
    project: text(row, 'project'),
    ruleId: text(row, 'rule_id'),
    item: text(row, 'item'),
    approver: text(row, 'approver'),
    approvedAt: text(row, 'approved_at'),
  };
}

/** Policy approvals in a stable order: by time, then approver, project, rule and item. */
export const POLICY_APPROVAL_ORDER = 'ORDER BY approved_at, approver, project, rule_id, item';

export function commentIds(row: Row | undefined): number[] {
  return row === undefined ? [] : json<number[]>(row, 'comment_ids');
}

/** Runs `fn`, turning any error into an `AppError('store')` whose message says what was being done. */
export async function storeAction<T>(action: string, fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('store', `${action}: ${message}`, { cause: error });
  }
}
