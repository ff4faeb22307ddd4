import type { Plan } from '../../core/plan.ts';
import type { Clock } from '../../ports/clock.ts';
import type { EngineContext, ProjectEngine } from '../../ports/project-engine.ts';
import type { Warehouse } from '../../ports/warehouse.ts';
import { applyPipelines } from './apply-pipelines.ts';
import { withTargetWarehouse, type OpenWarehouse, type TargetConfig } from '../target-warehouse.ts';
import { planPipelines } from './plan-pipelines.ts';

export type PipelineEngineOptions = {
  readonly clock: Clock;
  /** Opens the target's warehouse (see `openTargetWarehouse`); the engine closes it after each plan or apply. */
  readonly openWarehouse: OpenWarehouse;
  /** Where to write resolved specs for an orchestrator, when the target names a folder (see `targetExportDir`). */
  readonly exportDirFor?: (target: TargetConfig) => string | undefined;
};

/**
 * The `pipeline` engine: validates `pipelines/*.yaml`, plans against the target's registry (field diff,
 * next runs, SLA dry-run, policy facts) and deploys new versions to the registry in one transaction.
 */
export function createPipelineEngine(options: PipelineEngineOptions): ProjectEngine {
  const withWarehouse = <T>(target: TargetConfig, use: (warehouse: Warehouse) => Promise<T>): Promise<T> =>
    withTargetWarehouse(options.openWarehouse, target, use);
  return {
    kind: 'pipeline',
    plan: (ctx) => withWarehouse(ctx.target, (warehouse) => planPipelines(ctx, { warehouse, now: options.clock.now() })),
    apply: (ctx: EngineContext, plan: Plan) =>
      withWarehouse(ctx.target, (warehouse) => {
        const exportDir = options.exportDirFor?.(ctx.target);
        const appliedBy = ctx.actor;
        return applyPipelines(ctx, plan, { warehouse, now: options.clock.now(), ...(appliedBy ? { appliedBy } : {}), ...(exportDir ? { exportDir } : {}) });
      }),
    cleanup: async () => undefined,
  };
}
