/**
 * What Sluice deployed to production, per project and model: `_sluice.sql_deployments`. Apply writes it in
 * the same transaction as the models; plan records what it found, and apply refuses when it moved.
 */
import type { WarehouseSession } from '../../../ports/warehouse.ts';
import type { ProductionState } from '../plan/sql-plan-artifacts.ts';

export const STATE_SCHEMA = '_sluice';
const TABLE = `${STATE_SCHEMA}.sql_deployments`;

export async function ensureDeploymentsTable(session: WarehouseSession): Promise<void> {
  await session.execute(`CREATE SCHEMA IF NOT EXISTS ${STATE_SCHEMA}`);
  await session.execute(`CREATE TABLE IF NOT EXISTS ${TABLE} (
    project varchar NOT NULL, model varchar NOT NULL, fingerprint varchar NOT NULL,
    pr integer, head_sha varchar, deployed_at varchar, PRIMARY KEY (project, model))`);
}

/** Deployed fingerprints of a project's models, by lower-cased model name. */
export async function readDeployedFingerprints(session: WarehouseSession, project: string): Promise<Map<string, string>> {
  const exists = await session.query(
    `SELECT 1 FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = $1 AND table_name = $2`,
    [STATE_SCHEMA, 'sql_deployments'],
  );
  if (exists.length === 0) return new Map();
  const rows = await session.query(`SELECT model, fingerprint FROM ${TABLE} WHERE project = $1`, [project]);
  return new Map(rows.map((r) => [String(r['model']), String(r['fingerprint'])]));
}

/** Whether production holds a table, a view or nothing under `schema.table`. */
export async function productionObject(session: WarehouseSession, schema: string, table: string): Promise<ProductionState['object']> {
  const rows = await session.query(
    `SELECT table_type FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = $1 AND table_name = $2`,
    [schema, table],
  );
  const type = rows[0]?.['table_type'];
  if (type === undefined) return 'none';
  return String(type).toUpperCase() === 'VIEW' ? 'view' : 'table';
}

export async function readProductionState(session: WarehouseSession, deployed: ReadonlyMap<string, string>, name: string, at: { schema: string; table: string }): Promise<ProductionState> {
  return { fingerprint: deployed.get(name) ?? null, object: await productionObject(session, at.schema, at.table) };
}

export type DeploymentRecord = { readonly project: string; readonly pr: number; readonly headSha: string; readonly deployedAt: string };

export async function recordDeployment(session: WarehouseSession, record: DeploymentRecord, model: string, fingerprint: string | null): Promise<void> {
  await session.execute(`DELETE FROM ${TABLE} WHERE project = $1 AND model = $2`, [record.project, model]);
  if (fingerprint === null) return;
  await session.execute(`INSERT INTO ${TABLE} (project, model, fingerprint, pr, head_sha, deployed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [record.project, model, fingerprint, record.pr, record.headSha, record.deployedAt]);
}
