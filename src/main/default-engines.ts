import { join } from 'node:path';
import { terraformRunnerFor } from '../adapters/terraform/terraform-runner-for.ts';
import { createCdktfEngine } from '../engines/cdktf/cdktf-engine.ts';
import { createPipelineEngine } from '../engines/pipeline/create-pipeline-engine.ts';
import { targetExportDir } from '../engines/target-warehouse.ts';
import { openTargetWarehouse } from './open-target-warehouse.ts';
import { createSqlEngine } from '../engines/sql/create-sql-engine.ts';
import { createTerraformEngine } from '../engines/terraform/terraform-engine.ts';
import { CdktfSettings, SqlEngineSettings } from '../config/schema.ts';
import type { CdktfEngineOptions } from '../engines/cdktf/cdktf-engine.ts';
import { detectSynthSandbox, type SynthSandbox } from '../engines/cdktf/synth-sandbox.ts';
import { sqlLimitsFrom } from '../engines/sql/plan/sql-plan-artifacts.ts';
import type { Clock } from '../ports/clock.ts';
import type { EngineRegistry } from '../ports/engine-registry.ts';

/**
 * What the engines need from the server: the data dir (DuckDB files, exports, synth cache), the environment
 * (URLs, PATH), the clock, and the server config's engine settings (defaults when absent).
 */
export type EngineEnvironment = {
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
  readonly settings?: { readonly sql?: SqlEngineSettings; readonly cdktf?: CdktfSettings };
};

export function synthSettingsFrom(settings: CdktfSettings = CdktfSettings.parse({})): Pick<CdktfEngineOptions, 'timeoutMs' | 'sandbox' | 'envAllowlist' | 'packagesDirs'> {
  return { timeoutMs: settings.synth_timeout_seconds * 1000, sandbox: synthSandboxFrom(settings), envAllowlist: settings.env_allowlist, packagesDirs: settings.packages_dirs };
}

/** The sandbox CDKTF synth runs in with these settings (probed once per process); the boot log names it. */
export function synthSandboxFrom(settings: CdktfSettings = CdktfSettings.parse({})): SynthSandbox {
  return detectSynthSandbox(settings.sandbox, { network: settings.sandbox_network });
}

/**
 * The engines this build ships: sql, pipeline, terraform and cdktf.
 * Terraform and CDKTF plan with `terraform`/`tofu` when one is on PATH or configured on the target, and
 * fall back to a configuration diff (apply refused) when none is.
 */
export function defaultEngines(options: EngineEnvironment): EngineRegistry {
  const openWarehouse = openTargetWarehouse({ dataDir: options.dataDir, env: options.env });
  const runnerFor = terraformRunnerFor({ serverEnv: options.env });
  return {
    sql: createSqlEngine({ clock: options.clock, openWarehouse, limits: sqlLimitsFrom(options.settings?.sql ?? SqlEngineSettings.parse({})) }),
    pipeline: createPipelineEngine({ clock: options.clock, openWarehouse, exportDirFor: (target) => targetExportDir(target, options.dataDir) }),
    terraform: createTerraformEngine({ runnerFor }),
    cdktf: createCdktfEngine({ cacheDir: join(options.dataDir, 'synth-cache'), ...synthSettingsFrom(options.settings?.cdktf), parentEnv: options.env, runnerFor }),
  };
}
