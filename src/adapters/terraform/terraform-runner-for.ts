import type { TerraformRunner } from '../../ports/terraform-runner.ts';
import { createBinaryTerraformRunner } from './binary-terraform-runner.ts';
import { locateTerraformBinary } from './locate-terraform-binary.ts';

/**
 * `runnerFor` of the terraform engine, for the composition root: the target's `binary` or `terraform`/`tofu`
 * on the server's PATH, with only PATH, HOME and the target's `env` names passed on.
 */
export function terraformRunnerFor(options: { serverEnv: Readonly<Record<string, string | undefined>>; timeoutMs?: number }) {
  return (target: { binary?: string | undefined; env: readonly string[]; workspace: string }): TerraformRunner | undefined => {
    const binary = locateTerraformBinary({ ...(target.binary === undefined ? {} : { configured: target.binary }), pathEnv: options.serverEnv['PATH'] ?? '' });
    if (binary === undefined) return undefined;
    return createBinaryTerraformRunner({
      binary, serverEnv: options.serverEnv, passEnv: target.env, workspace: target.workspace,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
  };
}
