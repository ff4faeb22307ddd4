/**
 * `synth-runs-unchanged-push`: synth runs on the re-plan after a push that touches no infrastructure. A PR
 * changes the real `lake` CDKTF app (test/fixtures/cdktf, @cdktf/provider-aws) and is autoplanned through the
 * GitHub App (real git checkout, real cdktf engine, configuration-diff mode); then a push changes only the
 * repo's README. The PR still changes the app, so autoplan plans it again, synthesizing head and base:
 * the engine's `onSynth` hook counts the synths that actually ran the app (not served from the synth cache).
 * Budget 1 (the head), goal 1: since the synth cache is keyed by the whole checkout (an app may read any file
 * of it, so a key over its folder alone gave stale plans: issue 11), a push of any file re-runs the head's
 * synth; the base, which did not move, must stay cached. Before issue 11 this was 0, and wrong.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCdktfEngine } from '../src/engines/cdktf/cdktf-engine.ts';
import type { Side } from '../src/engines/cdktf/synth-project.ts';
import { createCdktfOrigin, INSTALLED_PACKAGES, lakeHeadMain, LAKE_DIR } from '../test/e2e/cdktf-repo.ts';
import { startHarness, type Harness } from '../test/e2e/harness.ts';
import { writeResult } from './lib/result.ts';

type SynthEvent = { side: Side; cached: boolean };

const events: SynthEvent[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'sluice-bench-synth-'));
const engine = createCdktfEngine({
  cacheDir: join(dataDir, 'synth-cache'), timeoutMs: 120_000,
  // The synth sandbox mounts only the checkout and the packages named here: the app imports Sluice's own cdktf.
  packagesDirs: [INSTALLED_PACKAGES],
  onSynth: ({ side, cached }) => events.push({ side, cached }),
});

/** Synths of the plan that `step` triggers, after checking that it did plan the project at the new head. */
async function synthsOf(h: Harness, step: () => Promise<string>): Promise<SynthEvent[]> {
  const from = events.length;
  const headSha = await step();
  await h.settle();
  const run = h.github.checkRun('sluice/plan: lake', headSha);
  if (run?.conclusion !== 'success') throw new Error(`lake was not planned at ${headSha.slice(0, 7)}: ${JSON.stringify(run?.output ?? run)}`);
  return events.slice(from);
}

const describe = (synths: readonly SynthEvent[]): string => synths.map((e) => `${e.side} ${e.cached ? 'cached' : 'ran'}`).join(', ') || 'none';
const ran = (synths: readonly SynthEvent[]): number => synths.filter((e) => !e.cached).length;

const h = await startHarness({ files: {}, origin: await createCdktfOrigin(), dataDir, realEngines: { cdktf: engine } });
try {
  const opened = await synthsOf(h, async () => {
    const headSha = await h.origin.commit('dana/lake-archive', { [`${LAKE_DIR}/main.ts`]: lakeHeadMain() });
    await h.openPull({ number: 7, author: 'dana', headSha, headRef: 'dana/lake-archive' });
    return headSha;
  });
  let pr = { number: 7, author: 'dana', headRef: 'dana/lake-archive', baseSha: await h.origin.sha('main'), headSha: await h.origin.sha('dana/lake-archive') };
  const readme = await synthsOf(h, async () => {
    pr = await h.push(pr, { 'README.md': '# acme infra\n\nHow to request a bucket: open a PR.\n' });
    return pr.headSha;
  });
  // For the record (not the measured value): a README inside the app folder is one of the app's inputs.
  const appReadme = await synthsOf(h, async () => {
    pr = await h.push(pr, { [`${LAKE_DIR}/README.md`]: '# lake\n' });
    return pr.headSha;
  });
  console.log(`open: ${describe(opened)}; push of README.md: ${describe(readme)}; push of ${LAKE_DIR}/README.md (informational): ${describe(appReadme)}`);
  if (readme.length === 0) throw new Error('the push did not re-plan the app: nothing measured');
  if (readme.some((e) => e.side === 'base' && !e.cached)) throw new Error(`the base did not move, yet its synth ran again: ${describe(readme)}`);
  writeResult({ name: 'synth-runs-unchanged-push', value: ran(readme), unit: 'synth runs', baseline: { name: 'budget', value: 1 }, goal: 'value <= 1 (the base stays cached)' });
} finally {
  await h.stop();
}
