import { existsSync } from 'node:fs';
import { failure, within, type Failure } from '../../core/outcome.ts';
import type { Plan } from '../../core/plan.ts';
import type { ApplyResult, EngineContext } from '../../ports/project-engine.ts';
import type { TerraformRunner } from '../../ports/terraform-runner.ts';
import { applyTerraformPlan } from '../terraform/plan-with-binary.ts';
import type { StackArtifact } from './schema.ts';

/**
 * Applies exactly the saved plan file of each stack that changes, in dependency order, with the terraform
 * helper (which refuses a plan whose file or sources moved). Stops at the first failure and says which
 * stacks were applied before it. A failure says what failed; the caller adds `applying <project>`.
 */
export async function applyStacks(ctx: EngineContext, plan: Plan<'cdktf'>, runner: TerraformRunner): Promise<ApplyResult | Failure> {
  const { artifacts } = plan;
  if (artifacts.mode !== 'plan') {
    return failure('plan_stale', `this plan is a configuration diff made without ${runner.name}`, {
      hint: `Plan again so ${runner.name} plans each stack, then apply.`,
    });
  }
  const applied: string[] = [];
  const steps: string[] = [];
  for (const stack of artifacts.stacks.filter((s) => s.hasChanges)) {
    ctx.progress(`applying stack ${stack.stack}`);
    const result = await applyStack(ctx, plan, stack, runner);
    if ('ok' in result) {
      const before = applied.length === 0 ? 'No stack was applied before it.' : `Applied before it: ${applied.join(', ')}.`;
      return { ...within(`stack ${stack.stack}`, result), hint: [before, result.hint].filter((h) => h !== undefined).join(' ') };
    }
    applied.push(stack.stack);
    steps.push(...(result.steps.length > 0 ? result.steps.map((s) => `${stack.stack}: ${s}`) : [`${stack.stack}: ${result.summary}`]));
  }
  const summary = applied.length === 0 ? 'no stack had changes' : `${applied.length} of ${artifacts.stacks.length} stacks applied (${applied.join(', ')})`;
  return { summary, steps };
}

async function applyStack(ctx: EngineContext, plan: Plan<'cdktf'>, stack: StackArtifact, runner: TerraformRunner): Promise<ApplyResult | Failure> {
  if (!existsSync(stack.plan.planFile) || !existsSync(stack.workingDirectory)) {
    return failure('plan_stale', 'the saved plan file is gone (the PR\'s artifacts were cleaned up)', { hint: 'Plan again, then apply.' });
  }
  return applyTerraformPlan({
    runner, signal: ctx.signal, progress: ctx.progress,
    moduleDir: stack.workingDirectory, baseModuleDir: stack.baseWorkingDirectory,
    plan: { artifacts: stack.plan, changes: plan.changes.filter((c) => c.address.startsWith(`${stack.stack}/`)) },
  });
}
