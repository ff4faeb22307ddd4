import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { failure, ok, within, type Result } from '../../core/outcome.ts';
import { hasChanges } from '../../core/plan.ts';
import type { EngineContext } from '../../ports/project-engine.ts';
import type { TerraformRunner } from '../../ports/terraform-runner.ts';
import { planTerraformModule } from '../terraform/plan-with-binary.ts';
import type { StackPlan } from './merge-stack-plans.ts';
import type { SynthStack } from './read-synth-output.ts';
import type { StackArtifact } from './schema.ts';

export type RunnerPlanOptions = { readonly runner: TerraformRunner; readonly lockTimeout: string };

/**
 * Plans one synthesized stack as a Terraform working directory with the terraform helper (`init`,
 * `plan -out`, `show -json`). Its plan file and TF_DATA_DIR live with the PR's artifacts, one folder per stack.
 */
export async function planStackWithRunner(
  ctx: EngineContext,
  stacks: { head: SynthStack; base: SynthStack | undefined },
  options: RunnerPlanOptions,
): Promise<Result<{ plan: StackPlan; artifact: StackArtifact }>> {
  const name = stacks.head.name;
  const baseWorkingDirectory = stacks.base?.workingDirectory ?? join(ctx.artifactDir, 'cdktf', 'no-base-stack');
  const artifactDir = join(ctx.artifactDir, 'cdktf', 'stacks', name.replace(/[^A-Za-z0-9._-]/g, '_'));
  await mkdir(artifactDir, { recursive: true });
  const body = await planTerraformModule({
    runner: options.runner,
    moduleDir: stacks.head.workingDirectory,
    baseModuleDir: baseWorkingDirectory,
    artifactDir,
    signal: ctx.signal,
    lockTimeout: options.lockTimeout,
    extraArgs: ctx.extraArgs ?? [],
    project: ctx.project.name,
    stack: name,
    progress: (message) => ctx.progress(`stack ${name}: ${message}`),
  });
  if ('ok' in body) return within(`planning stack ${name}`, body);
  const { artifacts, ...stackBody } = body;
  if (artifacts.mode !== 'plan') return failure('engine_failed', `planning stack ${name}: ${options.runner.name} left no saved plan file`);
  const artifact: StackArtifact = { stack: name, workingDirectory: stacks.head.workingDirectory, baseWorkingDirectory, hasChanges: hasChanges(body), plan: artifacts };
  return ok({ plan: { stack: name, body: stackBody }, artifact });
}
