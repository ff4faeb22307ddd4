import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { failure, type Failure } from '../../core/outcome.ts';
import type { PlanBody, PlanChange } from '../../core/plan.ts';
import type { ApplyResult } from '../../ports/project-engine.ts';
import type { TerraformRunner } from '../../ports/terraform-runner.ts';
import { erroredPlanFailure } from './errored-plan-failure.ts';
import { hashModuleSources } from './hash-module-sources.ts';
import { parseTerraformPlanText } from './parse-plan-json.ts';
import type { TerraformPlanArtifacts } from './schema.ts';
import { toPlanBody } from './to-plan-body.ts';

export type ModulePlanRequest = {
  readonly runner: TerraformRunner;
  /** The Terraform working directory at head (a root module, or a synthesized CDKTF stack). */
  readonly moduleDir: string;
  /** The same module at base; only hashed, so apply can tell when it moved. */
  readonly baseModuleDir: string;
  /** Where the plan file and `TF_DATA_DIR` go; kept until the PR closes. */
  readonly artifactDir: string;
  readonly signal: AbortSignal;
  readonly lockTimeout: string;
  readonly extraArgs: readonly string[];
  readonly project: string;
  readonly stack?: string;
  /** The module's path in the repo, for messages; defaults to `moduleDir`. */
  readonly displayDir?: string;
  readonly progress: (message: string) => void;
};

/** `init`, `plan -out`, `show -json` → `PlanBody` whose artifacts hold the plan file and its sha256. */
export async function planTerraformModule(request: ModulePlanRequest): Promise<PlanBody<'terraform'> | Failure> {
  const { runner } = request;
  const run = { cwd: request.moduleDir, dataDir: join(request.artifactDir, 'terraform-data'), signal: request.signal };
  if (!existsSync(request.moduleDir)) return goneAtHead(request.displayDir ?? request.moduleDir);
  const sources = { head: hashModuleSources(request.moduleDir), base: hashModuleSources(request.baseModuleDir) };
  request.progress(`${runner.name} init`);
  const init = await runner.init(run);
  if (!init.ok) return init;
  request.progress(`${runner.name} plan`);
  const planFile = join(request.artifactDir, 'plan.tfplan');
  const planned = await runner.plan({ ...run, planFile, lockTimeout: request.lockTimeout, extraArgs: request.extraArgs });
  if (!planned.ok) return planned;
  const shown = await runner.show({ ...run, planFile });
  if (!shown.ok) return shown;
  const parsed = parseTerraformPlanText(shown.value);
  if (!parsed.ok) return parsed;
  if (parsed.value.errored) return erroredPlanFailure({ binary: runner.name });
  const artifacts: TerraformPlanArtifacts = { mode: 'plan', binary: runner.name, planFile, sha256: planned.value.sha256, dataDir: run.dataDir, sources };
  return toPlanBody(parsed.value, { project: request.project, ...(request.stack === undefined ? {} : { stack: request.stack }), artifacts });
}

export type ModuleApplyRequest = Pick<ModulePlanRequest, 'runner' | 'moduleDir' | 'baseModuleDir' | 'signal' | 'progress'> & {
  /** The saved plan file to apply, and the changes it makes (for the summary). */
  readonly plan: { readonly artifacts: TerraformPlanArtifacts; readonly changes: readonly PlanChange[] };
};

/**
 * `apply <planfile>` on exactly the stored plan file. Refuses (`plan_stale`) when the module's sources at
 * head or base differ from when it was planned, or when the file's sha256 changed (checked by the runner).
 */
export async function applyTerraformPlan(request: ModuleApplyRequest): Promise<ApplyResult | Failure> {
  const { planFile, sha256, dataDir, sources } = request.plan.artifacts;
  if (hashModuleSources(request.moduleDir) !== sources.head) return stale('head');
  if (hashModuleSources(request.baseModuleDir) !== sources.base) return stale('base');
  request.progress(`${request.runner.name} apply`);
  const applied = await request.runner.apply({ cwd: request.moduleDir, dataDir, signal: request.signal, planFile, sha256 });
  if (!applied.ok) return applied;
  return { summary: applySummary(applied.value.stdout, request.plan.changes.length), steps: applySteps(applied.value.stdout) };
}

function goneAtHead(dir: string): Failure {
  return failure('engine_failed', `the module folder ${dir} does not exist at head; Sluice does not plan the removal of a whole root module`, {
    hint: 'Destroy its resources first (remove them from the configuration and apply), then delete the folder.',
  });
}

function stale(side: 'head' | 'base'): Failure {
  return failure('plan_stale', `the Terraform files at ${side} changed since the plan; refusing to apply it`, { hint: 'Plan again, then apply.' });
}

/** Terraform's `Apply complete! Resources: 1 added, 0 changed, 0 destroyed.` when it printed one. */
function applySummary(stdout: string, changes: number): string {
  const line = stdout.split('\n').find((l) => l.startsWith('Apply complete!'));
  return line?.trim() ?? `applied the saved plan (${changes} ${changes === 1 ? 'change' : 'changes'})`;
}

/** Per-resource completion lines: `aws_s3_bucket.raw: Creation complete after 2s [id=acme-raw]`. */
function applySteps(stdout: string): string[] {
  return stdout.split('\n').map((l) => l.trim()).filter((l) => /: (Creation|Modifications|Destruction|Read|Import) complete/.test(l));
}
