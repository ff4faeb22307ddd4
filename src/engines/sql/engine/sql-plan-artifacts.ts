/**
 * What a `sql` plan carries for apply (`PlanBody.artifacts`) and for the renderer (`PlanBody.facts.sql`).
 * Apply reads only the artifacts: the ordered statements were fixed at plan time, nothing is re-planned.
 */
import { z } from 'zod';
import { SqlEngineSettings } from '../../../config/schema.ts';

/** How production looked at plan time for one model: apply refuses when it looks different. */
export const ProductionState = z.object({
  /** The fingerprint recorded in `_sluice.sql_deployments`, null when Sluice never deployed it. */
  fingerprint: z.string().nullable(),
  /** The object in production: a table, a view, or nothing yet. */
  object: z.enum(['table', 'view', 'none']),
});
export type ProductionState = z.infer<typeof ProductionState>;

export const PlannedModel = z.object({
  name: z.string(),
  schema: z.string(),
  table: z.string(),
  kind: z.enum(['view', 'table', 'incremental']),
  /** The head's fingerprint, recorded in `_sluice.sql_deployments` on apply. */
  fingerprint: z.string(),
  before: ProductionState,
});
export type PlannedModel = z.infer<typeof PlannedModel>;

export const SqlPlanArtifacts = z.object({
  engine: z.literal('sql'),
  project: z.string(),
  /** Models to (re)build in production, in dependency order. */
  models: z.array(PlannedModel),
  /** Models the PR deletes, dropped from production. */
  removed: z.array(z.object({ name: z.string(), schema: z.string(), table: z.string(), before: ProductionState })),
  /** The statements apply runs in one transaction, in order. */
  statements: z.array(z.object({ model: z.string(), sql: z.string() })),
  /** The PR schemas this plan built (dropped on cleanup). */
  prSchemas: z.array(z.string()),
});
export type SqlPlanArtifacts = z.infer<typeof SqlPlanArtifacts>;

/** Bounds on a PR build. */
export type SqlEngineLimits = {
  /** Incremental models build only rows whose `time_column` is this recent (default 7 days). */
  readonly incrementalWindowDays: number;
  /** The PR build stops once its models hold more rows than this (default 10,000,000). */
  readonly maxRows: number;
  /** The PR build stops once it has run this long (default 600 s). */
  readonly maxSeconds: number;
};

/** The limits the server config's `sql` settings set (`sql: { max_rows, max_seconds, incremental_window_days }`). */
export function sqlLimitsFrom(settings: SqlEngineSettings): SqlEngineLimits {
  return { maxRows: settings.max_rows, maxSeconds: settings.max_seconds, incrementalWindowDays: settings.incremental_window_days };
}

export const DEFAULT_SQL_LIMITS: SqlEngineLimits = sqlLimitsFrom(SqlEngineSettings.parse({}));
