import { join } from 'node:path';
import { terraformRunnerFor } from '../adapters/terraform/terraform-runner-for.ts';
import { createCdktfEngine } from '../engines/cdktf/cdktf-engine.ts';
import { createPipelineEngine } from '../engines/pipeline/create-pipeline-engine.ts';
import { openTargetWarehouse, targetExportDir } from '../engines/open-target-warehouse.ts';
import { createSqlEngine } from '../engines/sql/engine/create-sql-engine.ts';
import { createTerraformEngine } from '../engines/terraform/terraform-engine.ts';
import type { Clock } from '../ports/clock.ts';
import type { EngineRegistry } from '../ports/engine-registry.ts';

/** What the engines need from the server: the data dir (DuckDB files, exports, synth cache), the environment (URLs, PATH), the clock. */
export type EngineEnvironment = { readonly dataDir: string; readonly env: NodeJS.ProcessEnv; readonly clock: Clock };

/** One CDKTF synth may run this long before its process group is killed. */
const SYNTH_TIMEOUT_MS = 10 * 60_000;

/**
 * The engines this build ships: sql, pipeline, terraform and cdktf.
 * Terraform and CDKTF plan with `terraform`/`tofu` when one is on PATH or configured on the target, and
 * fall back to a configuration diff (apply refused) when none is.
 */
export function defaultEngines(options: EngineEnvironment): EngineRegistry {
  const openWarehouse = openTargetWarehouse({ dataDir: options.dataDir, env: options.env });
  const runnerFor = terraformRunnerFor({ serverEnv: options.env });
  return {
    sql: createSqlEngine({ clock: options.clock, openWarehouse }),
    pipeline: createPipelineEngine({ clock: options.clock, openWarehouse, exportDirFor: (target) => targetExportDir(target, options.dataDir) }),
    terraform: createTerraformEngine({ runnerFor }),
    cdktf: createCdktfEngine({ cacheDir: join(options.dataDir, 'synth-cache'), timeoutMs: SYNTH_TIMEOUT_MS, parentEnv: options.env, runnerFor }),
  };
}
