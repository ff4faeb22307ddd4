/**
 * `npm run bench`: runs every `bench/*.bench.ts` in its own process, one after another (so they do not
 * compete for the 2 cores), and fails when one fails. Each writes its results to `bench/results/<name>.json`.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n# ${file}`);
  const started = performance.now();
  const run = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit' });
  console.log(`# ${file}: ${run.status === 0 ? 'ok' : 'FAILED'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
