/**
 * The PostgreSQL schema, created idempotently on open (inside the schema named by the connection's
 * `search_path`). Column names match `sqlite-schema.ts` so both stores share `store-rows.ts`. Timestamps are
 * `text` holding the ISO strings callers pass, so they round-trip exactly; JSON fields are `jsonb`.
 */
export const POSTGRES_SCHEMA = `
CREATE TABLE IF NOT EXISTS deliveries (
  id text PRIMARY KEY,
  received_at text NOT NULL
);

CREATE TABLE IF NOT EXISTS jobs (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  delivery_id text NOT NULL,
  repo text NOT NULL,
  pr integer NOT NULL,
  installation_id bigint,
  actor text NOT NULL,
  request jsonb NOT NULL,
  status text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  worker_id text,
  created_at text NOT NULL,
  started_at text,
  finished_at text,
  error text
);
-- Added after the first release: ADD COLUMN IF NOT EXISTS upgrades older databases in place.
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS cancel_requested_at text;
CREATE INDEX IF NOT EXISTS jobs_by_pr ON jobs (repo, pr, seq);
CREATE INDEX IF NOT EXISTS jobs_queued ON jobs (seq) WHERE status = 'queued';
-- Backstop for per-PR exclusivity: at most one running job per PR, whatever the claim path does.
CREATE UNIQUE INDEX IF NOT EXISTS jobs_one_running_per_pr ON jobs (repo, pr) WHERE status = 'running';

CREATE TABLE IF NOT EXISTS locks (
  repo text NOT NULL,
  project text NOT NULL,
  target text NOT NULL,
  pr integer NOT NULL,
  user_login text NOT NULL,
  acquired_at text NOT NULL,
  UNIQUE (repo, project, target)
);
CREATE INDEX IF NOT EXISTS locks_by_pr ON locks (repo, pr);

CREATE TABLE IF NOT EXISTS plans (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  repo text NOT NULL,
  pr integer NOT NULL,
  project text NOT NULL,
  kind text NOT NULL,
  target text NOT NULL,
  base_sha text NOT NULL,
  head_sha text NOT NULL,
  config_hash text NOT NULL,
  created_at text NOT NULL,
  applied_at text,
  body jsonb NOT NULL,
  UNIQUE (repo, pr, project)
);

CREATE TABLE IF NOT EXISTS sticky_comments (
  repo text NOT NULL,
  pr integer NOT NULL,
  comment_ids jsonb NOT NULL,
  PRIMARY KEY (repo, pr)
);

CREATE TABLE IF NOT EXISTS audit (
  seq bigserial PRIMARY KEY,
  repo text NOT NULL,
  pr integer NOT NULL,
  at text NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  detail jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_pr ON audit (repo, pr, seq);

CREATE TABLE IF NOT EXISTS policy_approvals (
  repo text NOT NULL,
  pr integer NOT NULL,
  project text NOT NULL,
  rule_id text NOT NULL,
  item text NOT NULL,
  approver text NOT NULL,
  approved_at text NOT NULL,
  PRIMARY KEY (repo, pr, project, rule_id, item, approver)
);
`;
