import { PipelineSpec } from '../../config/pipeline-schema.ts';
import type { Warehouse, WarehouseRow, WarehouseSession } from '../../ports/warehouse.ts';

/** The warehouse's state schema, shared by Sluice's engines. */
export const STATE_SCHEMA = '_sluice';
const TABLE = `${STATE_SCHEMA}.pipeline_versions`;

/**
 * One row per deployed version of a pipeline. Un-deploying writes a version with `deployed = false`;
 * a revert writes a new version with the old content. The latest version per pipeline is what runs.
 */
const CREATE_SQL = [
  `CREATE SCHEMA IF NOT EXISTS ${STATE_SCHEMA}`,
  `CREATE TABLE IF NOT EXISTS ${TABLE} (
  project varchar NOT NULL,
  pipeline varchar NOT NULL,
  version integer NOT NULL,
  deployed boolean NOT NULL,
  spec varchar,
  file varchar,
  repo varchar NOT NULL,
  pr integer NOT NULL,
  commit_sha varchar NOT NULL,
  applied_by varchar,
  applied_at varchar NOT NULL,
  PRIMARY KEY (project, pipeline, version)
)`,
];

/** The latest version of one pipeline (deployed or un-deployed). */
export type RegistryEntry = {
  readonly project: string;
  readonly pipeline: string;
  readonly version: number;
  readonly deployed: boolean;
  readonly spec?: PipelineSpec;
  readonly file?: string;
  readonly repo: string;
  readonly pr: number;
  readonly commitSha: string;
  readonly appliedBy?: string;
  readonly appliedAt: string;
};

export type NewVersion = Omit<RegistryEntry, 'version'>;

/** Creates the state schema and registry table when absent; safe inside a transaction. */
export async function ensureRegistry(session: WarehouseSession): Promise<void> {
  for (const sql of CREATE_SQL) await session.execute(sql);
}

/** The latest version of every pipeline, of one project or of all; empty when nothing was ever deployed. */
export async function readRegistry(session: WarehouseSession | Warehouse, options: { project?: string } = {}): Promise<RegistryEntry[]> {
  if ('tableExists' in session && !(await session.tableExists(STATE_SCHEMA, 'pipeline_versions'))) return [];
  const where = options.project === undefined ? '' : 'WHERE v.project = $1';
  const rows = await session.query(
    `SELECT v.* FROM ${TABLE} v
     JOIN (SELECT project, pipeline, max(version) AS version FROM ${TABLE} GROUP BY project, pipeline) latest
       ON latest.project = v.project AND latest.pipeline = v.pipeline AND latest.version = v.version
     ${where} ORDER BY v.project, v.pipeline`,
    options.project === undefined ? [] : [options.project],
  );
  return rows.map(toEntry);
}

/** Writes the next version of each pipeline; run inside the deploy transaction. */
export async function writeVersions(tx: WarehouseSession, versions: readonly (NewVersion & { version: number })[]): Promise<void> {
  for (const v of versions) {
    await tx.execute(
      `INSERT INTO ${TABLE} (project, pipeline, version, deployed, spec, file, repo, pr, commit_sha, applied_by, applied_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [v.project, v.pipeline, v.version, v.deployed, v.spec === undefined ? null : JSON.stringify(v.spec), v.file ?? null, v.repo, v.pr, v.commitSha, v.appliedBy ?? null, v.appliedAt],
    );
  }
}

/** Every version of one pipeline, oldest first (for history and tests). */
export async function readHistory(session: WarehouseSession, options: { project: string; pipeline: string }): Promise<RegistryEntry[]> {
  const rows = await session.query(`SELECT * FROM ${TABLE} WHERE project = $1 AND pipeline = $2 ORDER BY version`, [options.project, options.pipeline]);
  return rows.map(toEntry);
}

function toEntry(row: WarehouseRow): RegistryEntry {
  const spec = typeof row['spec'] === 'string' ? PipelineSpec.parse(JSON.parse(row['spec'])) : undefined;
  return {
    project: String(row['project']),
    pipeline: String(row['pipeline']),
    version: Number(row['version']),
    deployed: row['deployed'] === true,
    ...(spec === undefined ? {} : { spec }),
    ...(typeof row['file'] === 'string' ? { file: row['file'] } : {}),
    repo: String(row['repo']),
    pr: Number(row['pr']),
    commitSha: String(row['commit_sha']),
    ...(typeof row['applied_by'] === 'string' ? { appliedBy: row['applied_by'] } : {}),
    appliedAt: String(row['applied_at']),
  };
}
