import { failure, type Failure, type Result } from '../../core/outcome.ts';
import type { PlanBody } from '../../core/plan.ts';
import type { EngineContext } from '../../ports/project-engine.ts';
import type { TerraformRunner } from '../../ports/terraform-runner.ts';
import { diffTerraformConfigs } from '../terraform/diff-terraform-configs.ts';
import { mergeStackPlans, type StackPlan } from './merge-stack-plans.ts';
import { orderStacks } from './order-stacks.ts';
import { planStackWithRunner } from './plan-stack-with-runner.ts';
import type { StackArtifact } from './schema.ts';
import type { SynthResult } from './synth-app.ts';
import { synthProject, type SynthSettings } from './synth-project.ts';
import { describeSynthSandbox, type SynthSandbox } from './synth-sandbox.ts';
import type { TerraformWarning } from '../terraform/schema.ts';
import { localStateWarning, stateBackendOf, withWarnings } from '../terraform/state-backend.ts';

export type PlanCdktfOptions = {
  readonly synth: SynthSettings;
  /** The target's terraform/tofu; without one the plan is a configuration diff of base and head. */
  readonly runner?: TerraformRunner;
  readonly lockTimeout: string;
};

/**
 * Plans a CDKTF project: synthesizes base and head (from the cache when their inputs did not change), then
 * either plans each head stack with the runner, or compares each stack's configuration at base and head.
 */
export async function planCdktfProject(ctx: EngineContext, options: PlanCdktfOptions): Promise<PlanBody<'cdktf'> | Failure> {
  const { sandbox } = options.synth;
  if (sandbox.kind === 'none' && sandbox.required) {
    return failure('engine_failed', `${ctx.project.name} was not synthesized: the server requires the synth sandbox (\`cdktf.sandbox: bubblewrap\`), and ${sandbox.reason}`, {
      hint: 'Ask the Sluice operator to make bubblewrap work on the server, or to set `cdktf.sandbox: auto`.',
    });
  }
  ctx.progress(`synthesizing ${ctx.project.name} at base and head${sandbox.kind === 'bubblewrap' ? ' in the sandbox' : ''}`);
  const [head, base] = await Promise.all([synthProject(ctx, 'head', options.synth), synthProject(ctx, 'base', options.synth)]);
  if (!head.ok) return head;
  if (!base.ok) return base;
  if (head.value === undefined) return failure('engine_failed', `synthesizing ${ctx.project.name} at head: no output`);
  const warnings = synthWarnings(head.value, sandbox);
  if (options.runner !== undefined) {
    const planned = await planWithRunner(ctx, { head: head.value, base: base.value }, { runner: options.runner, lockTimeout: options.lockTimeout });
    return 'ok' in planned ? planned : withWarnings(planned, warnings);
  }
  return withWarnings(diffConfigurations(ctx.project.name, head.value, base.value), warnings);
}

/** Stacks whose state would be local (CDKTF's default when a stack declares no backend), and an unsandboxed synth. */
function synthWarnings(head: SynthResult, sandbox: SynthSandbox): TerraformWarning[] {
  const local = head.stacks
    .filter((stack) => stateBackendOf(stack.config).kind === 'local')
    .map((stack) => localStateWarning({ what: `stack \`${stack.name}\``, where: stack.name }));
  const unsandboxed: TerraformWarning[] = sandbox.kind === 'none' ? [{ kind: 'unsandboxed-synth', message: `${describeSynthSandbox(sandbox)}.` }] : [];
  return [...unsandboxed, ...local];
}

/** Without a binary: each stack's `cdk.tf.json` at base against head, stacks added or removed included. */
export function diffConfigurations(project: string, head: SynthResult, base: SynthResult | undefined): PlanBody<'cdktf'> {
  const baseStacks = new Map((base?.stacks ?? []).map((s) => [s.name, s]));
  const headStacks = new Map(head.stacks.map((s) => [s.name, s]));
  const names = [...orderStacks(head.stacks).map((s) => s.name), ...[...baseStacks.keys()].filter((n) => !headStacks.has(n)).sort()];
  const plans: StackPlan[] = names.map((stack) => ({
    stack,
    body: diffTerraformConfigs(baseStacks.get(stack)?.config ?? {}, headStacks.get(stack)?.config ?? {}, { project, stack }),
  }));
  return mergeStackPlans(plans, {
    project,
    mode: 'config-diff',
    artifacts: {
      engine: 'cdktf', mode: 'config-diff', headInputsHash: head.inputsHash,
      ...(base === undefined ? {} : { baseInputsHash: base.inputsHash }),
    },
  });
}

async function planWithRunner(
  ctx: EngineContext,
  synth: { head: SynthResult; base: SynthResult | undefined },
  options: { runner: TerraformRunner; lockTimeout: string },
): Promise<PlanBody<'cdktf'> | Failure> {
  const plans: StackPlan[] = [];
  const artifacts: StackArtifact[] = [];
  const stacks = orderStacks(synth.head.stacks);
  for (const [i, head] of stacks.entries()) {
    ctx.progress(`planning stack ${head.name} (${i + 1} of ${stacks.length}) with ${options.runner.name}`);
    const base = synth.base?.stacks.find((s) => s.name === head.name);
    const planned: Result<{ plan: StackPlan; artifact: StackArtifact }> = await planStackWithRunner(ctx, { head, base }, options);
    if (!planned.ok) return planned;
    plans.push(planned.value.plan);
    artifacts.push(planned.value.artifact);
  }
  return mergeStackPlans(plans, {
    project: ctx.project.name,
    mode: 'plan',
    artifacts: { engine: 'cdktf', mode: 'plan', headInputsHash: synth.head.inputsHash, binary: options.runner.name, stacks: artifacts },
  });
}
