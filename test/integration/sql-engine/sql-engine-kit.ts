/** Shared set-up for the sql engine's integration tests: a warehouse per dialect, seeded sources, checkouts, contexts and plans. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { isFailure } from '../../../src/core/outcome.ts';
import type { Plan, PlanBody } from '../../../src/core/plan.ts';
import { withPullRequestSession, withTargetWarehouse, type OpenWarehouse, type TargetConfig } from '../../../src/engines/target-warehouse.ts';
import { openTargetWarehouse } from '../../../src/main/open-target-warehouse.ts';
import type { EngineContext, ProjectEngine } from '../../../src/ports/project-engine.ts';
import type { PullRequestWarehouse, Warehouse } from '../../../src/ports/warehouse.ts';
import { TEST_DATABASE_URL } from '../postgres-test-database.ts';

export const NOW = new Date('2025-03-14T12:00:00Z');
export const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'sql-engine', 'shop');

export type SqlWarehouse = { readonly target: TargetConfig; readonly open: OpenWarehouse; readonly dataDir: string; cleanup(): Promise<void> };

export type OwnedSqlWarehouse = SqlWarehouse & { readonly role?: string; readonly ownerUrl?: string; asOwner(sql: string): Promise<void> };

/**
 * A DuckDB file in a temporary data dir, or a fresh PostgreSQL database that the target reaches as a
 * least-privilege role of its own (docs/warehouse-role.md: CONNECT, CREATE and TEMPORARY on the database,
 * nothing else), as Sluice requires for pull-request builds: `role` names it. `asOwner` runs SQL as
 * production's owner (PostgreSQL: the superuser, in that database; DuckDB: production's own handle), and
 * `ownerUrl` reaches that database as the superuser.
 */
export async function createSqlWarehouse(dialect: 'duckdb' | 'postgres'): Promise<OwnedSqlWarehouse> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-sql-data-'));
  if (dialect === 'duckdb') {
    const target: TargetConfig = { type: 'duckdb', path: 'warehouse.duckdb', allow_local_apply: true, name: 'warehouse' };
    const open = openTargetWarehouse({ dataDir, env: {} });
    return {
      target, dataDir, open,
      asOwner: (sql) => withTargetWarehouse(open, target, (w) => w.execute(sql)),
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const database = `sluice_sql_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const role = `${database}_sluice`;
  await admin(`CREATE DATABASE ${database}`);
  // A password too, for servers that do not trust local connections.
  await admin(`CREATE ROLE ${role} LOGIN PASSWORD '${role}'`);
  await admin(`GRANT CONNECT, CREATE, TEMPORARY ON DATABASE ${database} TO ${role}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  const ownerUrl = url.toString();
  url.username = role;
  url.password = role;
  const target: TargetConfig = { type: 'postgres', url_env: 'SQL_TEST_URL', allow_local_apply: false, name: 'warehouse' };
  return {
    target, dataDir, role, ownerUrl, open: openTargetWarehouse({ dataDir, env: { SQL_TEST_URL: url.toString() } }),
    asOwner: (sql) => admin(sql, ownerUrl),
    cleanup: async () => {
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin(`DROP ROLE IF EXISTS ${role}`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `sql` as the superuser, in the test database unless `url` names another. */
export async function admin(sql: string, url = TEST_DATABASE_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const STATUSES = ['placed', 'shipped', 'returned', 'cancelled'];

/** `raw.orders` (20 orders, one a day back from NOW, every 4th cancelled) and `raw.customers` (4). */
export async function seedSources(warehouse: Warehouse): Promise<void> {
  await warehouse.createSchema('raw');
  await warehouse.execute('CREATE TABLE raw.customers (id integer, email varchar(100))');
  await warehouse.execute("INSERT INTO raw.customers VALUES (1, 'a@x.io'), (2, 'b@x.io'), (3, 'c@x.io'), (4, 'd@x.io')");
  await warehouse.execute('CREATE TABLE raw.orders (id integer, customer_id integer, amount double precision, status varchar(20), ordered_at timestamp)');
  const values = Array.from({ length: 20 }, (_, k) => {
    const i = k + 1;
    const at = new Date(NOW.getTime() - i * 86_400_000 + 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
    return `(${i}, ${(i % 4) + 1}, ${i * 10.5}, '${STATUSES[i % 4]}', CAST('${at}' AS timestamp))`;
  });
  await warehouse.execute(`INSERT INTO raw.orders VALUES ${values.join(', ')}`);
}

export type Checkout = { readonly dir: string; edit(file: string, from: string | RegExp, to: string): void; write(file: string, text: string): void; cleanup(): void };

/** A copy of the fixture as a repo root with the project at `shop/`. */
export function checkout(): Checkout {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-sql-repo-'));
  cpSync(FIXTURE, join(dir, 'shop'), { recursive: true });
  return {
    dir,
    edit(file, from, to) {
      const path = join(dir, 'shop', file);
      const text = readFileSync(path, 'utf8');
      const next = text.replace(from, to);
      if (next === text) throw new Error(`edit of ${file} changed nothing`);
      writeFileSync(path, next);
    },
    write: (file, text) => writeFileSync(join(dir, 'shop', file), text),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function engineContext(options: { target: TargetConfig; baseDir: string; headDir: string; pr?: number; progress?: (m: string) => void }): EngineContext {
  return {
    project: { name: 'shop', kind: 'sql', dir: 'shop', target: options.target.name, whenModified: [], autoplan: true, dependsOn: [], applyRequirements: [], automerge: false },
    target: options.target,
    pr: { repo: 'acme/analytics', number: options.pr ?? 7 },
    baseDir: options.baseDir,
    headDir: options.headDir,
    artifactDir: join(options.headDir, '.artifacts'),
    signal: new AbortController().signal,
    progress: options.progress ?? (() => undefined),
  };
}

export function storedPlan(body: PlanBody, options: { pr?: number; headSha?: string } = {}): Plan {
  return {
    ...body, id: `plan-${randomUUID()}`, pr: { repo: 'acme/analytics', number: options.pr ?? 7 },
    project: 'shop', target: 'warehouse', baseSha: '0'.repeat(40),
    headSha: options.headSha ?? 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', configHash: 'cfg', createdAt: NOW.toISOString(),
  };
}

/** Deploys the fixture as it is (everything added) with PR 1: production before the PRs under test. */
export async function deployMain(engine: ProjectEngine, target: TargetConfig): Promise<void> {
  const empty = mkdtempSync(join(tmpdir(), 'sluice-sql-empty-'));
  const main = checkout();
  try {
    const ctx = engineContext({ target, baseDir: empty, headDir: main.dir, pr: 1 });
    const body = await engine.plan(ctx);
    if (isFailure(body)) throw new Error(body.message);
    const applied = await engine.apply(ctx, storedPlan(body, { pr: 1 }));
    if (isFailure(applied)) throw new Error(applied.message);
    await engine.cleanup(ctx);
  } finally {
    main.cleanup();
    rmSync(empty, { recursive: true, force: true });
  }
}

/** Runs `use` on the PR's session of the target (where its PR schemas are found), for PR 7 of acme/analytics unless told. */
export async function withPrSession<T>(wh: SqlWarehouse, use: (session: PullRequestWarehouse) => Promise<T>, pr: { repo?: string; number?: number } = {}): Promise<T> {
  const ref = { repo: pr.repo ?? 'acme/analytics', number: pr.number ?? 7 };
  const result = await withTargetWarehouse(wh.open, wh.target, (w) => withPullRequestSession(w, ref, use));
  if (isFailure(result)) throw new Error(result.message);
  return result;
}

/** The PR schemas a pull request's session sees (on PostgreSQL: every PR's, they share the database). */
export function prSchemas(wh: SqlWarehouse, pr: { repo?: string; number?: number } = {}): Promise<string[]> {
  return withPrSession(wh, async (s) => (await s.query("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '%\\_\\_pr\\_%' ESCAPE '\\'")).map((r) => String(r['schema_name'])).sort(), pr);
}

export function expectBody(value: PlanBody | { ok: false; message: string }): PlanBody<'sql'> {
  if ('ok' in value) throw new Error(`expected a plan, got: ${value.message}`);
  if (value.kind !== 'sql') throw new Error(`expected a sql plan, got a ${value.kind} plan`);
  return value;
}
