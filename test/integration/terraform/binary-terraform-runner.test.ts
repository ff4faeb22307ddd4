import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBinaryTerraformRunner } from '../../../src/adapters/terraform/binary-terraform-runner.ts';
import { locateTerraformBinary } from '../../../src/adapters/terraform/locate-terraform-binary.ts';
import { FIXTURE_DIR } from '../../unit/terraform/fixture-plans.ts';
import { installReplayingFakeTerraform, type FakeTerraformBehaviour } from './replaying-fake-terraform.ts';

let dir: string;
const signal = new AbortController().signal;
const serverEnv = { PATH: '/usr/bin:/bin', HOME: '/home/sluice', AWS_ACCESS_KEY_ID: 'AKIA-TARGET', GITHUB_TOKEN: 'ghs_secret', PRIVATE_KEY: 'app-key' };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-tf-runner-'));
  mkdirSync(join(dir, 'module'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup(behaviour: Partial<FakeTerraformBehaviour> = {}, runner: { timeoutMs?: number; workspace?: string } = {}) {
  const fake = installReplayingFakeTerraform(dir, { showJson: join(FIXTURE_DIR, 'requires-replace.json'), ...behaviour });
  const tf = createBinaryTerraformRunner({ binary: fake.binary, serverEnv, passEnv: ['AWS_ACCESS_KEY_ID', 'NOT_SET'], killGraceMs: 200, ...runner });
  const run = { cwd: join(dir, 'module'), dataDir: join(dir, 'artifacts', 'terraform-data'), signal };
  return { fake, tf, run, planFile: join(dir, 'artifacts', 'plan.tfplan') };
}

describe('binary terraform runner (with the replaying fake terraform)', () => {
  it('runs init, plan, show and apply with argument vectors and a scrubbed environment', async () => {
    const { fake, tf, run, planFile } = setup({}, { workspace: 'prod' });
    expect((await tf.init(run)).ok).toBe(true);
    const planned = await tf.plan({ ...run, planFile, lockTimeout: '3m', extraArgs: ['-target=test_instance.test', '-refresh=false'] });
    expect(planned).toMatchObject({ ok: true, value: { planFile, hasChanges: true } });
    const shown = await tf.show({ ...run, planFile });
    expect(shown.ok && JSON.parse(shown.value).format_version).toBe('0.2');
    const sha256 = planned.ok ? planned.value.sha256 : '';
    expect(sha256).toBe(createHash('sha256').update(readFileSync(planFile)).digest('hex'));
    const applied = await tf.apply({ ...run, planFile, sha256 });
    expect(applied.ok && applied.value.stdout).toContain('Apply complete!');
    const calls = fake.calls();
    expect(calls.map((c) => c.argv)).toEqual([
      ['init', '-input=false', '-no-color'],
      ['plan', '-input=false', '-no-color', '-detailed-exitcode', '-lock-timeout=3m', `-out=${planFile}`, '-target=test_instance.test', '-refresh=false'],
      ['show', '-json', planFile],
      ['apply', '-input=false', '-no-color', planFile],
    ]);
    expect(calls[0]!.cwd).toBe(run.cwd);
    expect(calls[1]!.env).toEqual({
      PATH: '/usr/bin:/bin', HOME: '/home/sluice', AWS_ACCESS_KEY_ID: 'AKIA-TARGET',
      TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_DATA_DIR: run.dataDir, TF_WORKSPACE: 'prod',
    });
  });

  it('passes shell metacharacters through as one argument, never to a shell', async () => {
    const { fake, tf, run, planFile } = setup();
    await tf.plan({ ...run, planFile, lockTimeout: '5m', extraArgs: ['-target=a; touch /tmp/pwned $(id)'] });
    expect(fake.calls()[0]!.argv.at(-1)).toBe('-target=a; touch /tmp/pwned $(id)');
  });

  it('reads exit code 0 as no changes, and surfaces stderr on exit code 1', async () => {
    const none = setup({ planExitCode: 0 });
    expect(await none.tf.plan({ ...none.run, planFile: none.planFile, lockTimeout: '5m', extraArgs: [] })).toMatchObject({ ok: true, value: { hasChanges: false } });
    const broken = setup({ planExitCode: 1, stderr: '\u001b[31mError: Reference to undeclared resource\u001b[0m\n\n  on main.tf line 3\n' });
    const result = await broken.tf.plan({ ...broken.run, planFile: broken.planFile, lockTimeout: '5m', extraArgs: [] });
    expect(result).toMatchObject({ ok: false, code: 'engine_failed' });
    expect(!result.ok && result.message).toBe('terraform plan failed (exit code 1): Error: Reference to undeclared resource\n  on main.tf line 3');
  });

  it('refuses to apply a plan file whose sha256 changed, or that is gone', async () => {
    const { fake, tf, run, planFile } = setup();
    const planned = await tf.plan({ ...run, planFile, lockTimeout: '5m', extraArgs: [] });
    const sha256 = planned.ok ? planned.value.sha256 : '';
    appendFileSync(planFile, 'tampered');
    expect(await tf.apply({ ...run, planFile, sha256 })).toMatchObject({ ok: false, code: 'plan_stale' });
    rmSync(planFile);
    expect(await tf.apply({ ...run, planFile, sha256 })).toMatchObject({ ok: false, code: 'plan_missing' });
    expect(fake.calls().map((c) => c.argv[0])).toEqual(['plan']);
  });

  it('stops a plan at its timeout, and when cancelled', async () => {
    const slow = setup({ planSleepMs: 5_000 }, { timeoutMs: 300 });
    const timedOut = await slow.tf.plan({ ...slow.run, planFile: slow.planFile, lockTimeout: '5m', extraArgs: [] });
    expect(timedOut).toMatchObject({ ok: false, code: 'engine_failed', message: 'terraform plan timed out after 300 ms' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const cancelled = await slow.tf.plan({ ...slow.run, signal: controller.signal, planFile: slow.planFile, lockTimeout: '5m', extraArgs: [] });
    expect(cancelled).toMatchObject({ ok: false, code: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('locates the configured binary, else terraform or tofu on PATH', () => {
    const { fake } = setup({ name: 'tofu' });
    expect(locateTerraformBinary({ pathEnv: `/nonexistent:${fake.bin}` })).toBe(fake.binary);
    expect(locateTerraformBinary({ configured: fake.binary, pathEnv: '' })).toBe(fake.binary);
    expect(locateTerraformBinary({ configured: 'tofu', pathEnv: fake.bin })).toBe(fake.binary);
    expect(locateTerraformBinary({ configured: 'terraform', pathEnv: fake.bin })).toBeUndefined();
    expect(locateTerraformBinary({ pathEnv: '/nonexistent' })).toBeUndefined();
  });
});
