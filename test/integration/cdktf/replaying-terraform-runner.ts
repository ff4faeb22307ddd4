import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { failure, ok } from '../../../src/core/outcome.ts';
import type { TerraformRunner } from '../../../src/ports/terraform-runner.ts';

/** A recorded `terraform show -json` output per stack (file of test/fixtures/terraform-plans/) and whether it changes anything. */
export type ReplayedPlans = Readonly<Record<string, { readonly recording: string; readonly hasChanges: boolean }>>;

/** What `terraform apply` prints for the replaced resource of requires-replace.json. */
export const APPLY_OUTPUT = [
  'test_instance.test: Destroying... [id=5236b0b4]',
  'test_instance.test: Destruction complete after 0s',
  'test_instance.test: Creating...',
  'test_instance.test: Creation complete after 1s [id=7c1e2a90]',
  '',
  'Apply complete! Resources: 1 added, 0 changed, 1 destroyed.',
].join('\n');

const RECORDINGS = resolve(import.meta.dirname, '../../fixtures/terraform-plans');

/**
 * Test-only TerraformRunner that replays recorded plans: no binary runs. It checks what a real runner
 * would need (the stack's cdk.tf.json in its working directory), writes a plan file, and refuses to
 * apply a plan file whose sha256 moved, as the port requires.
 */
export function createReplayingTerraformRunner(plans: ReplayedPlans): TerraformRunner & { readonly calls: string[] } {
  const calls: string[] = [];
  const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
  const stackOf = (cwd: string): string => basename(cwd);
  return {
    name: 'terraform',
    binary: '/replay/terraform',
    calls,
    async init({ cwd }) {
      calls.push(`init ${stackOf(cwd)}`);
      if (!existsSync(join(cwd, 'cdk.tf.json'))) return failure('engine_failed', `terraform init: no configuration in ${cwd}`);
      return ok({ stdout: 'Terraform has been successfully initialized!', stderr: '' });
    },
    async plan({ cwd, planFile }) {
      calls.push(`plan ${stackOf(cwd)}`);
      const replay = plans[stackOf(cwd)];
      if (replay === undefined) return failure('engine_failed', `terraform plan: no recording for ${stackOf(cwd)}`);
      writeFileSync(planFile, `saved plan of ${stackOf(cwd)}: ${replay.recording}`);
      return ok({ planFile, sha256: sha256(planFile), hasChanges: replay.hasChanges });
    },
    async show({ cwd }) {
      calls.push(`show ${stackOf(cwd)}`);
      return ok(readFileSync(join(RECORDINGS, plans[stackOf(cwd)]!.recording), 'utf8'));
    },
    async apply({ cwd, planFile, sha256: expected }) {
      calls.push(`apply ${stackOf(cwd)}`);
      if (sha256(planFile) !== expected) return failure('plan_stale', 'terraform apply: the plan file changed since it was planned; plan again');
      return ok({ stdout: APPLY_OUTPUT, stderr: '' });
    },
  };
}
