import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Failure } from '../../../src/core/outcome.ts';
import type { PlanBody } from '../../../src/core/plan.ts';
import { createCdktfEngine } from '../../../src/engines/cdktf/cdktf-engine.ts';
import { CdktfArtifacts } from '../../../src/engines/cdktf/schema.ts';
import { asPlan, engineContext, makeTempDir } from './cdktf-test-helpers.ts';
import { createReplayingTerraformRunner } from './replaying-terraform-runner.ts';

const temp = makeTempDir('cdktf-runner');
afterAll(() => temp.remove());

/** Each synthesized stack is a Terraform working directory planned by the runner (here a replay of recorded plans). */
describe('the cdktf engine with a terraform runner', () => {
  const runner = createReplayingTerraformRunner({
    lake: { recording: 'requires-replace.json', hasChanges: true },
    catalog: { recording: 'basic-update.json', hasChanges: false },
  });
  const engine = createCdktfEngine({ cacheDir: join(temp.dir, 'cache'), timeoutMs: 60_000, runnerFor: () => runner });
  const ctx = engineContext(temp.dir);
  let plan: PlanBody | Failure;

  beforeAll(async () => {
    plan = await engine.plan(ctx);
  });

  it('plans each head stack in its working directory: init, plan -out, show -json', () => {
    expect(runner.calls).toEqual(['init catalog', 'plan catalog', 'show catalog', 'init lake', 'plan lake', 'show lake']);
    if ('ok' in plan) throw new Error(plan.message);
    expect(plan.changes.map((c) => [c.action, c.address])).toEqual([['replace', 'lake/test_instance.test']]);
    expect(plan.facts).toMatchObject({ engine: 'terraform', mode: 'plan', stateAware: true, stacks: ['catalog', 'lake'] });
    expect(plan.summary.headline).toBe('Plan: 1 to add, 0 to change, 1 to destroy across 2 stacks.');
  });

  it('stores each stack\'s plan file and its sha256 for apply', () => {
    if ('ok' in plan) throw new Error(plan.message);
    const artifacts = CdktfArtifacts.parse(plan.artifacts);
    if (artifacts.mode !== 'plan') throw new Error('expected saved plans');
    expect(artifacts.stacks.map((s) => [s.stack, s.hasChanges])).toEqual([['catalog', false], ['lake', true]]);
    for (const stack of artifacts.stacks) {
      expect(stack.plan.planFile).toBe(join(ctx.artifactDir, 'cdktf', 'stacks', stack.stack, 'plan.tfplan'));
      expect(stack.plan.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(existsSync(join(stack.workingDirectory, 'cdk.tf.json'))).toBe(true);
    }
  });

  it('applies exactly the saved plan files of the stacks that change', async () => {
    if ('ok' in plan) throw new Error(plan.message);
    const result = await engine.apply(ctx, asPlan(plan));
    expect(result).toEqual({
      summary: '1 of 2 stacks applied (lake)',
      steps: ['lake: test_instance.test: Destruction complete after 0s', 'lake: test_instance.test: Creation complete after 1s [id=7c1e2a90]'],
    });
    expect(runner.calls.filter((c) => c.startsWith('apply'))).toEqual(['apply lake']);
  });

  it('refuses a plan file that changed since planning, saying what was applied', async () => {
    if ('ok' in plan) throw new Error(plan.message);
    const artifacts = CdktfArtifacts.parse(plan.artifacts);
    if (artifacts.mode !== 'plan') throw new Error('expected saved plans');
    writeFileSync(artifacts.stacks[1]!.plan.planFile, 'tampered');
    const result = await engine.apply(ctx, asPlan(plan));
    expect(result).toMatchObject({ ok: false, code: 'plan_stale', hint: expect.stringMatching(/^No stack was applied before it\./) });
    expect((result as Failure).message).toMatch(/^stack lake: terraform apply: the plan file changed/);
  });

  it('refuses a configuration-diff plan: it must be planned again with the binary', async () => {
    const diffOnly = await createCdktfEngine({ cacheDir: join(temp.dir, 'cache'), timeoutMs: 60_000 }).plan(engineContext(temp.dir, { artifactDir: join(temp.dir, 'diff') }));
    if ('ok' in diffOnly) throw new Error(diffOnly.message);
    const result = await engine.apply(ctx, asPlan(diffOnly));
    expect(result).toMatchObject({ ok: false, code: 'plan_stale' });
    expect(result).toMatchObject({ message: 'this plan is a configuration diff made without terraform', hint: expect.stringMatching(/^Plan again/) });
  });

  it('refuses to apply after cleanup removed the plan files', async () => {
    if ('ok' in plan) throw new Error(plan.message);
    await engine.cleanup(ctx);
    const result = await engine.apply(ctx, asPlan(plan));
    expect(result).toMatchObject({ ok: false, code: 'plan_stale' });
    expect((result as Failure).message).toMatch(/saved plan file is gone/);
  });
});
