import type { Clock } from '../../ports/clock.ts';
import type { ProjectEngine } from '../../ports/project-engine.ts';
import type { Warehouse } from '../../ports/warehouse.ts';
import { withTargetWarehouse, type OpenWarehouse, type TargetConfig } from '../target-warehouse.ts';
import { applySqlPlan } from './apply/apply-sql-plan.ts';
import { cleanupPrEnvironment } from './build/pr-environments.ts';
import { planSqlProject } from './plan/plan-sql-project.ts';
import { DEFAULT_SQL_LIMITS, type SqlEngineLimits } from './plan/sql-plan-artifacts.ts';

export type SqlEngineOptions = {
  /** Opens the target's warehouse (see `openTargetWarehouse`); the engine closes it after each call. */
  readonly openWarehouse: OpenWarehouse;
  readonly clock: Clock;
  readonly limits?: Partial<SqlEngineLimits>;
};

/**
 * The `sql` engine: plans by building changed and downstream models in PR schemas (`<schema>__pr_<n>`),
 * testing and diffing them against production; applies by rebuilding exactly the planned models in
 * production in one transaction; cleans up by dropping the PR schemas (and, on DuckDB, the PR's database file).
 */
export function createSqlEngine(options: SqlEngineOptions): ProjectEngine {
  const limits: SqlEngineLimits = { ...DEFAULT_SQL_LIMITS, ...options.limits };
  const now = () => options.clock.now();
  const withWarehouse = <T>(target: TargetConfig, use: (warehouse: Warehouse) => Promise<T>): Promise<T> =>
    withTargetWarehouse(options.openWarehouse, target, use);
  return {
    kind: 'sql',
    plan: (ctx) => withWarehouse(ctx.target, (warehouse) => planSqlProject(ctx, { warehouse, limits, now })),
    apply: (ctx, plan) => withWarehouse(ctx.target, (warehouse) => applySqlPlan(ctx, plan, { warehouse, now })),
    cleanup: async (ctx) => {
      await withWarehouse(ctx.target, (warehouse) => cleanupPrEnvironment(warehouse, ctx.pr));
    },
  };
}
