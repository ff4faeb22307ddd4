import { failure, within, type Failure } from '../../core/outcome.ts';
import type { PlanBody } from '../../core/plan.ts';
import { diffTerraformConfigs } from './diff-terraform-configs.ts';
import { readTerraformConfig } from './read-terraform-config.ts';

/** The plan without a binary: the configuration at base vs head (`diffTerraformConfigs`), not state-aware. */
export async function planConfigDiff(request: { baseModuleDir: string; moduleDir: string; displayDir: string; project: string; stack?: string }): Promise<PlanBody<'terraform'> | Failure> {
  const head = await readTerraformConfig(request.moduleDir, { displayDir: request.displayDir });
  if (!head.ok) return within('reading the configuration at head', head);
  const base = await readTerraformConfig(request.baseModuleDir, { displayDir: request.displayDir });
  if (!base.ok) return within('reading the configuration at base', base);
  return diffTerraformConfigs(base.value.document, head.value.document, {
    project: request.project, ...(request.stack === undefined ? {} : { stack: request.stack }),
    locations: { base: base.value.locations, head: head.value.locations },
  });
}

/** Why a configuration diff cannot be applied, and which binary to install. */
export function missingBinaryFailure(options: { project: string; target: string }): Failure {
  return failure(
    'apply_failed',
    `${options.project} was planned as a configuration diff because no terraform or tofu binary was found; a configuration diff cannot be applied`,
    { hint: `Install \`terraform\` or \`tofu\` on the Sluice server's PATH, or set \`binary\` in the target \`${options.target}\` of the server config; then plan again and apply.` },
  );
}
