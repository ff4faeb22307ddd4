/**
 * A CDKTF pull request through the GitHub App: the real cdktf engine synthesizes a real CDKTF app
 * (@cdktf/provider-aws) checked out from a real git origin, with GitHub answered by a local HTTP server (fake-github.ts).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { terraformRunnerFor } from '../../src/adapters/terraform/terraform-runner-for.ts';
import { createCdktfEngine, type RunnerForTarget } from '../../src/engines/cdktf/cdktf-engine.ts';
import { CdktfArtifacts } from '../../src/engines/cdktf/schema.ts';
import { installReplayingFakeTerraform, type FakeTerraform } from '../integration/terraform/replaying-fake-terraform.ts';
import { createCdktfOrigin, INSTALLED_PACKAGES, lakeHeadMain, LAKE_DIR } from './cdktf-repo.ts';
import { startHarness, type Harness } from './harness.ts';

const LOCK = { repo: 'acme/analytics', project: 'lake', target: 'lake' };
const RECORDING = join(import.meta.dirname, '../fixtures/terraform-plans/basic-create.json');

type Setup = { h: Harness; cacheDir: string };

/** The harness's server config has the target `lake` of type terraform, with no `binary` set. */
async function start(options: { runnerFor?: RunnerForTarget }): Promise<Setup> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-e2e-cdktf-'));
  const cacheDir = join(dataDir, 'synth-cache');
  const engine = createCdktfEngine({ cacheDir, timeoutMs: 60_000, packagesDirs: [INSTALLED_PACKAGES], ...(options.runnerFor === undefined ? {} : { runnerFor: options.runnerFor }) });
  const h = await startHarness({ files: {}, origin: await createCdktfOrigin(), dataDir, realEngines: { cdktf: engine } });
  return { h, cacheDir };
}

/** Dana's PR #7 changing the lake app (the head fixture), autoplanned. */
async function openLakePull(h: Harness) {
  const headSha = await h.origin.commit('dana/lake-archive', { [`${LAKE_DIR}/main.ts`]: lakeHeadMain() });
  const pr = await h.openPull({ number: 7, author: 'dana', headSha, headRef: 'dana/lake-archive' });
  await h.settle();
  return { pr, headSha };
}

async function approveAndApply(h: Harness, headSha: string): Promise<void> {
  h.github.approve(7, 'priya', headSha);
  await h.comment(7, 'sluice apply', 'dana');
  await h.settle();
}

describe('a cdktf pull request in configuration-diff mode (no terraform binary)', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await start({});
  });
  afterEach(async () => {
    expect(s.h.github.state.unexpected).toEqual([]);
    await s.h.stop();
  });

  it('autoplans the synthesized resource diff, refuses apply naming the binary to install, and cleans up on close', async () => {
    const { h } = s;
    const { pr, headSha } = await openLakePull(h);
    const plan = h.github.checkRun('sluice/plan: lake', headSha);
    expect(plan?.statusHistory.at(-1)).toBe('completed');
    expect(plan?.conclusion).toBe('success');
    expect(plan?.output?.title).toBe('Configuration diff (not state-aware): 0 to add, 3 to change, 0 to destroy across 2 stacks.');
    const summary = h.github.summary(7) ?? '';
    expect(summary).toContain('| `lake` | cdktf | Configuration diff (not state-aware): 0 to add, 3 to change, 0 to destroy across 2 stacks. |');
    expect(summary).toContain('<code>lake/aws_s3_bucket.raw</code> will be changed');
    expect(summary).toContain('+ tags.retention = "long"');
    expect(summary).toContain('~ versioning_configuration.status = "Suspended" -> "Enabled"');
    expect(summary).toMatch(/\+ rule\.1\.id +=  ?"archive-raw"/);
    expect(summary).toContain('**Configuration diff, not state-aware:**');
    expect(await h.store.getLock(LOCK)).toMatchObject({ pr: 7, user: 'dana' });

    await approveAndApply(h, headSha);
    const apply = h.github.checkRun('sluice/apply: lake');
    expect(apply?.conclusion).toBe('failure');
    expect(apply?.output?.summary).toContain('lake was planned as a configuration diff because no terraform or tofu binary was found; a configuration diff cannot be applied');
    expect(h.github.summary(7)).toContain('Install `terraform` or `tofu` on the Sluice server\'s PATH, or set `binary` in the target `lake` of the server config');
    expect(h.github.state.merges).toEqual([]);

    await h.close(pr);
    await h.settle();
    expect(await h.store.getLock(LOCK)).toBeUndefined();
    expect(existsSync(join(s.cacheDir, 'acme_analytics', 'pr-7', 'lake'))).toBe(false);
  });
});

describe('a cdktf pull request planned and applied with the replaying test terraform', () => {
  let s: Setup;
  let fake: FakeTerraform;
  let fakeDir: string;
  beforeEach(async () => {
    fakeDir = mkdtempSync(join(tmpdir(), 'sluice-e2e-fake-terraform-'));
    fake = installReplayingFakeTerraform(fakeDir, { showJson: RECORDING });
    // The server's PATH holds the test-only replaying `terraform` (found there, as a real one would be).
    const runnerFor = terraformRunnerFor({ serverEnv: { PATH: `${fake.bin}:/usr/bin:/bin`, HOME: fakeDir } });
    s = await start({ runnerFor });
  });
  afterEach(async () => {
    expect(s.h.github.state.unexpected).toEqual([]);
    await s.h.stop();
    rmSync(fakeDir, { recursive: true, force: true });
  });

  it('plans each synthesized stack with terraform and applies exactly the saved plan files', async () => {
    const { h } = s;
    const { pr, headSha } = await openLakePull(h);
    expect(h.github.checkRun('sluice/plan: lake', headSha)?.conclusion).toBe('success');
    expect(h.github.summary(7)).toContain('| `lake` | cdktf | Plan: 6 to add, 0 to change, 0 to destroy across 2 stacks. | — | ✅ |');
    expect(h.github.summary(7)).toContain('<code>lake/test_instance.test[0]</code> will be created');
    const [stored] = await h.store.listPlans({ repo: 'acme/analytics', number: 7 });
    const artifacts = CdktfArtifacts.parse(stored?.artifacts);
    if (artifacts.mode !== 'plan') throw new Error('expected saved plan files');
    const planned = fake.calls().filter((c) => c.argv[0] === 'plan');
    expect(planned.map((c) => c.cwd)).toEqual(artifacts.stacks.map((st) => st.workingDirectory));
    expect(planned.map((c) => c.argv.find((a) => a.startsWith('-out=')))).toEqual(artifacts.stacks.map((st) => `-out=${st.plan.planFile}`));

    await approveAndApply(h, headSha);
    const apply = h.github.checkRun('sluice/apply: lake');
    expect(apply?.conclusion).toBe('success');
    expect(apply?.output?.title).toBe('Applied: 2 of 2 stacks applied (catalog, lake)');
    const applied = fake.calls().filter((c) => c.argv[0] === 'apply');
    const changing = artifacts.stacks.filter((st) => st.hasChanges);
    expect(applied.map((c) => [c.cwd, c.argv])).toEqual(changing.map((st) => [st.workingDirectory, ['apply', '-input=false', '-no-color', st.plan.planFile]]));

    await h.close(pr, { merged: true });
    await h.settle();
    expect(await h.store.getLock(LOCK)).toBeUndefined();
    expect(changing.some((st) => existsSync(st.plan.planFile))).toBe(false);
  });
});
