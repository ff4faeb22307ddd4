import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plan, PlanBody } from '../../../src/core/plan.ts';
import type { SynthCdktfAppOptions } from '../../../src/engines/cdktf/synth-app.ts';
import type { EngineContext } from '../../../src/ports/project-engine.ts';

/** A CDKTF app of test/fixtures/cdktf/ (inside the repo, so Node finds cdktf in its node_modules). */
export function fixtureApp(name: string): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/cdktf', name);
}

/** A fresh temporary folder, removed by the returned function. */
export function makeTempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `sluice-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes files (relative path → content) below `dir`; `.bin/` files and `*.sh` are made executable. */
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, content] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    if (path.includes('.bin/') || path.endsWith('.sh')) chmodSync(file, 0o755);
  }
}

/**
 * A tiny app without cdktf: it writes the manifest and one stack by hand (as CDKTF would), and a random
 * `run-id` beside them each time it really runs, so tests can tell a real synth from a cached one.
 */
export function handWrittenApp(bucket: string): Record<string, string> {
  return {
    'cdktf.json': JSON.stringify({ language: 'typescript', app: 'node main.ts' }),
    'package.json': JSON.stringify({ type: 'module', private: true }),
    'main.ts': `import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const out = process.env['CDKTF_OUTDIR'] ?? 'cdktf.out';
mkdirSync(join(out, 'stacks', 'lake'), { recursive: true });
writeFileSync(join(out, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { lake: {
  name: 'lake', constructPath: 'lake', workingDirectory: 'stacks/lake', synthesizedStackPath: 'stacks/lake/cdk.tf.json',
  stackMetadataPath: 'stacks/lake/metadata.json', annotations: [], dependencies: [] } } }));
writeFileSync(join(out, 'stacks', 'lake', 'cdk.tf.json'), JSON.stringify({ resource: { aws_s3_bucket: { raw: { bucket: ${JSON.stringify(bucket)} } } } }));
writeFileSync(join(out, 'run-id'), String(Math.random()));
`,
  };
}

export function synthOptions(appDir: string, outDir: string, extra: Partial<SynthCdktfAppOptions> = {}): SynthCdktfAppOptions {
  return { appDir, outDir, timeoutMs: 30_000, outputCapBytes: 1024 * 1024, signal: new AbortController().signal, ...extra };
}

/** A context for the `lake` project (infra/lake) of PR acme/infra#7: head and base are the repo-head and repo-base fixtures. */
export function engineContext(tempDir: string, overrides: Partial<EngineContext> & { dir?: string; name?: string } = {}): EngineContext {
  const { dir = 'infra/lake', name = 'lake', ...rest } = overrides;
  return {
    project: { name, kind: 'cdktf', dir, target: 'aws', whenModified: [], autoplan: true, dependsOn: [], applyRequirements: [], automerge: false },
    target: { type: 'terraform', workspace: 'default', env: [], allow_local_apply: false, name: 'aws' },
    pr: { repo: 'acme/infra', number: 7 },
    headDir: fixtureApp('repo-head'),
    baseDir: fixtureApp('repo-base'),
    artifactDir: join(tempDir, 'artifacts', name),
    signal: new AbortController().signal,
    progress: () => {},
    ...rest,
  };
}

/** A stored plan around an engine's plan body. */
export function asPlan(body: PlanBody): Plan {
  return {
    ...body, id: 'plan-1', pr: { repo: 'acme/infra', number: 7 }, project: 'lake', target: 'aws',
    baseSha: 'b'.repeat(40), headSha: 'a'.repeat(40), configHash: 'c', createdAt: '2026-11-24T00:00:00Z',
  };
}
