import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One benchmark result, in the format DEVELOPERS.md agrees on. */
export type BenchResult = {
  name: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number };
  ratio: number;
  goal: string;
  /** Figures beside the result (samples, ranges, counts). */
  extra?: Record<string, unknown>;
};

const resultsDir = join(import.meta.dirname, '..', 'results');

/** Writes `bench/results/<name>.json`; `ratio = value / baseline.value`, both measured in the same run. */
export function writeResult(result: Omit<BenchResult, 'ratio'>): BenchResult {
  const full: BenchResult = { ...result, ratio: round(result.value / result.baseline.value) };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${result.name}.json`), JSON.stringify(full, null, 2) + '\n');
  console.log(`${full.name}: ${full.value} ${full.unit} (baseline ${full.baseline.name}: ${full.baseline.value}; ratio ${full.ratio}; goal ${full.goal})`);
  return full;
}

export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** The q-quantile (0..1) of samples, nearest-rank. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[idx] ?? NaN;
}
