import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { failure, type Failure } from '../../core/outcome.ts';
import { isPlanOfKind } from '../../core/plan.ts';
import type { EngineContext, ProjectEngine } from '../../ports/project-engine.ts';
import type { TerraformRunner } from '../../ports/terraform-runner.ts';
import { missingBinaryFailure } from '../terraform/plan-config-diff.ts';
import { wrongKindFailure } from '../wrong-kind-failure.ts';
import { refuseLocalState } from '../terraform/state-backend.ts';
import type { TerraformTarget } from '../terraform/terraform-engine.ts';
import { applyStacks } from './apply-stacks.ts';
import { planCdktfProject } from './plan-cdktf-project.ts';
import { synthCacheDir, type SynthSettings } from './synth-project.ts';
import { detectSynthSandbox, type SynthSandbox } from './synth-sandbox.ts';

/** The runner for a target (the terraform engine's `runnerFor`), or none: plans are then configuration diffs. */
export type RunnerForTarget = (target: TerraformTarget) => TerraformRunner | undefined;

export type CdktfEngineOptions = {
  /** Synth outputs by inputs hash, per repo, PR and project (removed by cleanup). */
  readonly cacheDir: string;
  /** Limit for one synth (the app's process group is killed after it). */
  readonly timeoutMs: number;
  /** stdout and stderr of one synth together; default 4 MiB. */
  readonly outputCapBytes?: number;
  /** Environment names passed to the app besides PATH and HOME; secret-looking names never are. */
  readonly envAllowlist?: readonly string[];
  /** Sluice's environment (defaults to `process.env`); read only for PATH and allowlisted names. */
  readonly parentEnv?: Readonly<Record<string, string | undefined>>;
  readonly nodePath?: string;
  /** Where synth runs (see `detectSynthSandbox`); default: bubblewrap where it works. */
  readonly sandbox?: SynthSandbox;
  /** Server folders of pre-installed packages a committed `node_modules` link may point into. */
  readonly packagesDirs?: readonly string[];
  /** terraform/tofu per target (e.g. `terraformRunnerFor(…)` of adapters/terraform). Without one, plans are configuration diffs. */
  readonly runnerFor?: RunnerForTarget;
  /** `-lock-timeout` for plan; default `5m`. */
  readonly lockTimeout?: string;
  readonly onSynth?: SynthSettings['onSynth'];
};

const DEFAULT_OUTPUT_CAP_BYTES = 4 * 1024 * 1024;

/**
 * The `cdktf` ProjectEngine (CDKTF and CDK Terrain apps): plan synthesizes base and head and plans each
 * stack with terraform/tofu when the target has one, else compares the configurations; apply runs the
 * saved plan files; cleanup removes the PR's synth output, cache and plan files.
 */
export function createCdktfEngine(options: CdktfEngineOptions): ProjectEngine {
  const synth = synthSettings(options);
  return {
    kind: 'cdktf',
    async plan(ctx) {
      const target = terraformTarget(ctx);
      if ('ok' in target) return target;
      const runner = options.runnerFor?.(target);
      return planCdktfProject(ctx, { synth, lockTimeout: options.lockTimeout ?? '5m', ...(runner === undefined ? {} : { runner }) });
    },
    async apply(ctx, plan) {
      const target = terraformTarget(ctx);
      if ('ok' in target) return target;
      const runner = options.runnerFor?.(target);
      if (runner === undefined) return missingBinaryFailure({ project: ctx.project.name, target: target.name });
      if (!isPlanOfKind(plan, 'cdktf')) return wrongKindFailure(plan.kind, 'cdktf');
      return refuseLocalState(plan, ctx.project.name) ?? applyStacks(ctx, plan, runner);
    },
    async cleanup(ctx) {
      await rm(join(ctx.artifactDir, 'cdktf'), { recursive: true, force: true });
      await rm(synthCacheDir(options.cacheDir, ctx), { recursive: true, force: true });
    },
  };
}

function synthSettings(options: CdktfEngineOptions): SynthSettings {
  return {
    cacheDir: options.cacheDir,
    timeoutMs: options.timeoutMs,
    outputCapBytes: options.outputCapBytes ?? DEFAULT_OUTPUT_CAP_BYTES,
    ...(options.envAllowlist === undefined ? {} : { envAllowlist: options.envAllowlist }),
    ...(options.parentEnv === undefined ? {} : { parentEnv: options.parentEnv }),
    ...(options.nodePath === undefined ? {} : { nodePath: options.nodePath }),
    sandbox: options.sandbox ?? detectSynthSandbox('auto', options.nodePath === undefined ? {} : { nodePath: options.nodePath }),
    ...(options.packagesDirs === undefined ? {} : { packagesDirs: options.packagesDirs }),
    ...(options.onSynth === undefined ? {} : { onSynth: options.onSynth }),
  };
}

/** CDKTF stacks apply to a Terraform workspace: the project's target must be of type terraform. */
function terraformTarget(ctx: Pick<EngineContext, 'target'>): TerraformTarget | Failure {
  const { target } = ctx;
  if (target.type === 'terraform') return target;
  return failure('target_unknown', `target \`${target.name}\` is a ${target.type} target; cdktf projects need a target of type terraform`);
}
