/**
 * Which PR schemas exist for which pull request, kept in production's `_sluice.sql_pr_environments`, so
 * cleanup drops exactly the schemas a PR built (another repo's PR with the same number keeps its own). On
 * DuckDB the schemas live in the PR's own database file, which cleanup removes as a whole; the records
 * then only find PR schemas older versions built inside the production file.
 */
import type { Warehouse } from '../../../ports/warehouse.ts';
import type { PullRequestRef } from '../../../core/pull-request.ts';
import { STATE_SCHEMA } from '../apply/sql-deployments.ts';

const TABLE = `${STATE_SCHEMA}.sql_pr_environments`;

export async function recordPrSchemas(warehouse: Warehouse, pr: PullRequestRef, schemas: readonly string[]): Promise<void> {
  await warehouse.execute(`CREATE SCHEMA IF NOT EXISTS ${STATE_SCHEMA}`);
  await warehouse.execute(`CREATE TABLE IF NOT EXISTS ${TABLE} (repo varchar NOT NULL, pr integer NOT NULL, schema_name varchar NOT NULL, PRIMARY KEY (repo, pr, schema_name))`);
  for (const schema of schemas) {
    await warehouse.execute(`DELETE FROM ${TABLE} WHERE repo = $1 AND pr = $2 AND schema_name = $3`, [pr.repo, pr.number, schema]);
    await warehouse.execute(`INSERT INTO ${TABLE} (repo, pr, schema_name) VALUES ($1, $2, $3)`, [pr.repo, pr.number, schema]);
  }
}

/** Drops everything a pull request's environment holds: its schemas and (DuckDB) its database file. Idempotent. */
export async function cleanupPrEnvironment(warehouse: Warehouse, pr: PullRequestRef): Promise<string[]> {
  const schemas = await cleanupPrSchemas(warehouse, pr);
  await warehouse.dropPullRequestEnvironment(pr);
  return schemas;
}

/** Drops the PR schemas a pull request built, with their tables and views; returns their names. Idempotent. */
export async function cleanupPrSchemas(warehouse: Warehouse, pr: PullRequestRef): Promise<string[]> {
  const exists = await warehouse.query(
    'SELECT 1 FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = $1 AND table_name = $2',
    [STATE_SCHEMA, 'sql_pr_environments'],
  );
  if (exists.length === 0) return [];
  const rows = await warehouse.query(`SELECT schema_name FROM ${TABLE} WHERE repo = $1 AND pr = $2 ORDER BY schema_name`, [pr.repo, pr.number]);
  const schemas = rows.map((r) => String(r['schema_name']));
  for (const schema of schemas) await warehouse.dropSchema(schema, { cascade: true });
  await warehouse.execute(`DELETE FROM ${TABLE} WHERE repo = $1 AND pr = $2`, [pr.repo, pr.number]);
  return schemas;
}
