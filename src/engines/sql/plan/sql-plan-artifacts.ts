/**
 * Bounds on the SQL engine's PR builds. What a `sql` plan carries for apply (`SqlPlanArtifacts`) lives with
 * the plan's types in src/core/plans/sql-plan.ts and is re-exported here; apply reads only the artifacts:
 * the ordered statements were fixed at plan time, nothing is re-planned.
 */
import { SqlEngineSettings } from '../../../config/schema.ts';

export { PlannedModel, ProductionState, SqlPlanArtifacts } from '../../../core/plans/sql-plan.ts';

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
