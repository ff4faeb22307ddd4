/** Shared set-up for the pipeline engine's integration tests: a repo checkout, a warehouse per dialect, contexts and plans. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Plan, PlanBody } from '../../../src/core/plan.ts';
import { type OpenWarehouse, type TargetConfig } from '../../../src/engines/target-warehouse.ts';
import { openTargetWarehouse } from '../../../src/main/open-target-warehouse.ts';
import type { EngineContext } from '../../../src/ports/project-engine.ts';
import type { Warehouse } from '../../../src/ports/warehouse.ts';
import { TEST_DATABASE_URL } from '../postgres-test-database.ts';

export const NOW = new Date('2025-03-14T12:00:00Z');
export const FIXTURE_REPO = join(import.meta.dirname, '..', '..', 'fixtures', 'pipeline', 'repo');

export type PipelineWarehouse = {
  readonly target: TargetConfig;
  readonly open: OpenWarehouse;
  readonly dataDir: string;
  /** The environment the target's config reads (the PostgreSQL URL). */
  readonly env: Record<string, string>;
  cleanup(): Promise<void>;
};

/** A DuckDB file in a temporary data dir, or a fresh PostgreSQL database (so `_sluice` is not shared between files). */
export async function createPipelineWarehouse(dialect: 'duckdb' | 'postgres'): Promise<PipelineWarehouse> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-pipeline-data-'));
  if (dialect === 'duckdb') {
    const target: TargetConfig = { type: 'duckdb', path: 'warehouse.duckdb', allow_local_apply: true, name: 'warehouse' };
    return { target, dataDir, env: {}, open: openTargetWarehouse({ dataDir, env: {} }), cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const database = `sluice_pipeline_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await admin(`CREATE DATABASE ${database}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  const target: TargetConfig = { type: 'postgres', url_env: 'PIPELINE_TEST_URL', allow_local_apply: false, name: 'warehouse' };
  return {
    target, dataDir, env: { PIPELINE_TEST_URL: url.toString() },
    open: openTargetWarehouse({ dataDir, env: { PIPELINE_TEST_URL: url.toString() } }),
    cleanup: async () => {
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `raw.orders` with one load per entry: `{ hoursAgo, rows }`, timestamps relative to NOW (UTC). */
export async function seedOrders(warehouse: Warehouse, loads: readonly { hoursAgo: number; rows: number }[]): Promise<void> {
  await warehouse.execute('DROP TABLE IF EXISTS raw.orders');
  await warehouse.createSchema('raw');
  await warehouse.execute('CREATE TABLE raw.orders (order_id integer, amount double precision, _loaded_at timestamp)');
  let id = 1;
  for (const load of loads) {
    const at = new Date(NOW.getTime() - load.hoursAgo * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
    for (let i = 0; i < load.rows; i++) await warehouse.execute('INSERT INTO raw.orders VALUES ($1, $2, CAST($3 AS timestamp))', [id++, 10, at]);
  }
}

/** A copy of the fixture repo to change per test. */
export function checkout(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-pipeline-repo-'));
  cpSync(FIXTURE_REPO, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function engineContext(options: { target: TargetConfig; headDir: string; pr?: number }): EngineContext {
  return {
    project: { name: 'orders', kind: 'pipeline', dir: 'orders', target: options.target.name, whenModified: [], autoplan: true, dependsOn: [], applyRequirements: [], automerge: false },
    target: options.target,
    pr: { repo: 'acme/analytics', number: options.pr ?? 12 },
    headDir: options.headDir,
    baseDir: options.headDir,
    artifactDir: join(options.headDir, '.artifacts'),
    signal: new AbortController().signal,
    progress: () => undefined,
  };
}

export function storedPlan(body: PlanBody, options: { pr?: number; headSha?: string } = {}): Plan {
  return {
    ...body,
    id: `plan-${randomUUID()}`,
    pr: { repo: 'acme/analytics', number: options.pr ?? 12 },
    project: 'orders', target: 'warehouse',
    baseSha: '0'.repeat(40), headSha: options.headSha ?? 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', configHash: 'cfg',
    createdAt: NOW.toISOString(),
  };
}
