/**
 * The SQLite schema, created idempotently on open. Column names match `postgres-schema.ts` so both stores
 * share `store-rows.ts`. `seq` orders jobs, plans and audit entries by insertion.
 */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS deliveries (
  id TEXT PRIMARY KEY,
  received_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  delivery_id TEXT NOT NULL,
  repo TEXT NOT NULL,
  pr INTEGER NOT NULL,
  installation_id INTEGER,
  actor TEXT NOT NULL,
  request TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  worker_id TEXT,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  error TEXT,
  cancel_requested_at TEXT
);
CREATE INDEX IF NOT EXISTS jobs_by_pr ON jobs (repo, pr, seq);
CREATE INDEX IF NOT EXISTS jobs_queued ON jobs (seq) WHERE status = 'queued';
-- Backstop for per-PR exclusivity: at most one running job per PR.
CREATE UNIQUE INDEX IF NOT EXISTS jobs_one_running_per_pr ON jobs (repo, pr) WHERE status = 'running';

CREATE TABLE IF NOT EXISTS locks (
  repo TEXT NOT NULL,
  project TEXT NOT NULL,
  target TEXT NOT NULL,
  pr INTEGER NOT NULL,
  user_login TEXT NOT NULL,
  acquired_at TEXT NOT NULL,
  UNIQUE (repo, project, target)
);
CREATE INDEX IF NOT EXISTS locks_by_pr ON locks (repo, pr);

CREATE TABLE IF NOT EXISTS plans (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  repo TEXT NOT NULL,
  pr INTEGER NOT NULL,
  project TEXT NOT NULL,
  kind TEXT NOT NULL,
  target TEXT NOT NULL,
  base_sha TEXT NOT NULL,
  head_sha TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  applied_at TEXT,
  body TEXT NOT NULL,
  UNIQUE (repo, pr, project)
);

CREATE TABLE IF NOT EXISTS sticky_comments (
  repo TEXT NOT NULL,
  pr INTEGER NOT NULL,
  comment_ids TEXT NOT NULL,
  PRIMARY KEY (repo, pr)
);

CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  repo TEXT NOT NULL,
  pr INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_pr ON audit (repo, pr, seq);

CREATE TABLE IF NOT EXISTS policy_approvals (
  repo TEXT NOT NULL,
  pr INTEGER NOT NULL,
  project TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  item TEXT NOT NULL,
  approver TEXT NOT NULL,
  approved_at TEXT NOT NULL,
  PRIMARY KEY (repo, pr, project, rule_id, item, approver)
);
`;

/** Columns added after the first release, for databases created before them: `[table, column, type]`. */
export const SQLITE_ADDED_COLUMNS: readonly (readonly [string, string, string])[] = [
  ['jobs', 'cancel_requested_at', 'TEXT'],
];
