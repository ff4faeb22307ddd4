import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Target } from '../../config/schema.ts';
import { failure, type Failure } from '../../core/outcome.ts';
import { isPlanOfKind } from '../../core/plan.ts';
import type { ProjectEngine } from '../../ports/project-engine.ts';
import type { TerraformRunner } from '../../ports/terraform-runner.ts';
import { missingBinaryFailure, planConfigDiff } from './plan-config-diff.ts';
import { applyTerraformPlan, planTerraformModule } from './plan-with-binary.ts';
import { readTerraformConfig } from './read-terraform-config.ts';
import { localStateWarning, refuseLocalState, stateBackendOf, withWarnings } from './state-backend.ts';
import { wrongKindFailure } from '../wrong-kind-failure.ts';

export type TerraformTarget = Extract<Target, { type: 'terraform' }> & { readonly name: string };

export type TerraformEngineOptions = {
  /**
   * The runner for a target (its `binary`, `env` and `workspace`), or undefined when no `terraform` or
   * `tofu` binary is found: plans are then configuration diffs and apply is refused.
   */
  readonly runnerFor: (target: TerraformTarget) => TerraformRunner | undefined;
  /** `-lock-timeout` for plan; default `5m`. */
  readonly lockTimeout?: string;
};

/**
 * The `terraform` engine: a project is a root module (`*.tf`, `*.tf.json`). With a binary it plans and
 * applies a saved plan file; without one it plans a configuration diff of base vs head and refuses apply.
 * Credentials and backend settings come from the target (server config), never from the PR.
 */
export function createTerraformEngine(options: TerraformEngineOptions): ProjectEngine {
  return {
    kind: 'terraform',
    async plan(ctx) {
      const target = terraformTarget(ctx.target);
      if (!target.ok) return target.failure;
      const moduleDir = join(ctx.headDir, ctx.project.dir);
      const baseModuleDir = join(ctx.baseDir, ctx.project.dir);
      const runner = options.runnerFor(target.value);
      const body = runner === undefined
        ? (ctx.progress('comparing the configuration at base and head (no terraform binary)'),
          await planConfigDiff({ moduleDir, baseModuleDir, displayDir: ctx.project.dir, project: ctx.project.name }))
        : await planTerraformModule({
          runner, moduleDir, baseModuleDir, artifactDir: ctx.artifactDir, signal: ctx.signal, progress: ctx.progress,
          lockTimeout: options.lockTimeout ?? '5m', extraArgs: ctx.extraArgs ?? [], project: ctx.project.name, displayDir: ctx.project.dir,
        });
      if ('ok' in body) return body;
      const config = await readTerraformConfig(moduleDir, { displayDir: ctx.project.dir });
      const local = config.ok && stateBackendOf(config.value.document).kind === 'local';
      return local ? withWarnings(body, [localStateWarning({ what: `\`${ctx.project.name}\`` })]) : body;
    },
    async apply(ctx, plan) {
      const target = terraformTarget(ctx.target);
      if (!target.ok) return target.failure;
      if (!isPlanOfKind(plan, 'terraform')) return wrongKindFailure(plan.kind, 'terraform');
      if (plan.artifacts.mode !== 'plan') return missingBinaryFailure({ project: ctx.project.name, target: ctx.target.name });
      const localState = refuseLocalState(plan, ctx.project.name);
      if (localState !== undefined) return localState;
      const runner = options.runnerFor(target.value);
      if (runner === undefined) return missingBinaryFailure({ project: ctx.project.name, target: ctx.target.name });
      return applyTerraformPlan({
        runner, plan: { artifacts: plan.artifacts, changes: plan.changes }, signal: ctx.signal, progress: ctx.progress,
        moduleDir: join(ctx.headDir, ctx.project.dir), baseModuleDir: join(ctx.baseDir, ctx.project.dir),
      });
    },
    async cleanup(ctx) {
      await rm(ctx.artifactDir, { recursive: true, force: true });
    },
  };
}

function terraformTarget(target: Target & { readonly name: string }): { ok: true; value: TerraformTarget } | { ok: false; failure: Failure } {
  if (target.type === 'terraform') return { ok: true, value: target };
  return { ok: false, failure: failure('target_unknown', `target \`${target.name}\` is a ${target.type} target; terraform projects need a target of type terraform`) };
}
