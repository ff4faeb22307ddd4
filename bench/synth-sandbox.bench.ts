/**
 * `synth-sandbox`: what the bubblewrap sandbox costs one CDKTF synth. The real `lake` app of
 * test/fixtures/cdktf/repo-head (cdktf + @cdktf/provider-aws, two stacks) is synthesized without the cache,
 * in the sandbox (value) and as a plain child process (baseline, `cdktf.sandbox: off`), both through
 * `synthCdktfApp` with the same private copy of the checkout, round-robin so machine load hits both alike.
 * Goal: ratio ≤ 1.5 (the sandbox adds at most half a synth).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { synthCdktfApp } from '../src/engines/cdktf/synth-app.ts';
import { detectSynthSandbox, type SynthSandbox } from '../src/engines/cdktf/synth-sandbox.ts';
import { round, writeResult } from './lib/result.ts';

const ROUNDS = 7;
const root = resolve(import.meta.dirname, '..', 'test', 'fixtures', 'cdktf', 'repo-head');
const appDir = join(root, 'infra', 'lake');
const temp = mkdtempSync(join(tmpdir(), 'sluice-bench-sandbox-'));

const sandboxed = detectSynthSandbox('bubblewrap');
if (sandboxed.kind !== 'bubblewrap') throw new Error(`cannot measure: ${sandboxed.reason}`);
const plain: SynthSandbox = { kind: 'none', required: false, reason: 'the baseline of this benchmark' };

let run = 0;
async function synth(sandbox: SynthSandbox): Promise<number> {
  const started = performance.now();
  const result = await synthCdktfApp({
    appDir, rootDir: root, outDir: join(temp, `out-${run++}`), sandbox,
    timeoutMs: 120_000, outputCapBytes: 1024 * 1024, signal: new AbortController().signal,
  });
  const ms = performance.now() - started;
  if (!result.ok) throw new Error(`synth failed: ${result.message}`);
  if (result.value.cached || result.value.sandboxed !== (sandbox.kind === 'bubblewrap') || result.value.stacks.length !== 2) {
    throw new Error(`unexpected synth: cached ${result.value.cached}, sandboxed ${result.value.sandboxed}, ${result.value.stacks.length} stacks`);
  }
  return ms;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
try {
  await synth(plain); // warm the file cache; not counted
  const inBox: number[] = [];
  const outside: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    inBox.push(await synth(sandboxed));
    outside.push(await synth(plain));
  }
  writeResult({
    name: 'synth-sandbox', value: round(median(inBox), 0), unit: 'ms per synth (median)',
    baseline: { name: 'plain child process (cdktf.sandbox: off)', value: round(median(outside), 0) }, goal: 'ratio ≤ 1.5',
    extra: { rounds: ROUNDS, sandbox_ms: inBox.map((x) => round(x, 0)), plain_ms: outside.map((x) => round(x, 0)), bwrap: sandboxed.bwrap },
  });
} finally {
  rmSync(temp, { recursive: true, force: true });
}
