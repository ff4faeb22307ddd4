import { describe, expect, it } from 'vitest';
import { buildSynthEnv } from '../../../src/engines/cdktf/build-synth-env.ts';
import { locateSynthError } from '../../../src/engines/cdktf/locate-synth-error.ts';
import { resolveAppCommand } from '../../../src/engines/cdktf/resolve-app-command.ts';
import { splitAppCommand } from '../../../src/engines/cdktf/split-app-command.ts';

describe('splitAppCommand', () => {
  it.each([
    ['node main.ts', ['node', 'main.ts']],
    ['  npx   tsx  main.ts ', ['npx', 'tsx', 'main.ts']],
    ['node "my app/main.ts" --flag=\'a b\'', ['node', 'my app/main.ts', '--flag=a b']],
    ['python3 main.py ""', ['python3', 'main.py', '']],
  ])('splits %j into an argument vector', (command, argv) => {
    expect(splitAppCommand(command)).toEqual({ ok: true, value: argv });
  });

  it.each(['node main.ts | tee log', 'node "main.ts', 'node main.ts\nrm -rf /', 'node main.ts & sleep 1', 'node <(cat x)', 'node {a,b}.ts'])('refuses %j', (command) => {
    expect(splitAppCommand(command)).toMatchObject({ ok: false, code: 'config_invalid' });
  });
});

describe('resolveAppCommand', () => {
  const options = { appDir: '/repo/infra/lake', rootDir: '/repo', nodePath: '/opt/node24/bin/node' };

  it('runs `node` with Sluice\'s own Node', () => {
    expect(resolveAppCommand(['node', 'main.ts'], options)).toEqual({ ok: true, value: { file: '/opt/node24/bin/node', args: ['main.ts'] } });
  });

  it('refuses relative executables outside the checkout and npx options', () => {
    expect(resolveAppCommand(['../../../usr/bin/env', 'x'], options)).toMatchObject({ ok: false, code: 'config_invalid' });
    expect(resolveAppCommand(['/usr/bin/curl'], options)).toMatchObject({ ok: false, code: 'config_invalid' });
    expect(resolveAppCommand(['npx', '--yes', 'evil-package'], options)).toMatchObject({ ok: false, code: 'config_invalid' });
    expect(resolveAppCommand(['./scripts/synth.sh'], options)).toEqual({ ok: true, value: { file: '/repo/infra/lake/scripts/synth.sh', args: [] } });
  });
});

describe('locateSynthError', () => {
  it('reads esbuild/tsx errors', () => {
    const output = '✘ [ERROR] Expected ";" but found "bucket"\n\n    stacks/lake.ts:12:8:\n      12 │ const x bucket\n';
    expect(locateSynthError(output, '/repo/app')).toEqual({ location: { file: 'stacks/lake.ts', line: 12, column: 8 } });
  });

  it('skips frames in node_modules and outside the app', () => {
    const output = [
      'Error: Validation failed',
      '    at App.synth (/repo/app/node_modules/cdktf/lib/app.js:80:13)',
      '    at main (/usr/lib/node/internal.js:1:1)',
      '    at Object.<anonymous> (/repo/app/main.ts:42:5)',
    ].join('\n');
    expect(locateSynthError(output, '/repo/app')).toEqual({ message: 'Error: Validation failed', location: { file: 'main.ts', line: 42, column: 5 } });
  });

  it('reads Python tracebacks', () => {
    const output = 'Traceback (most recent call last):\n  File "/repo/app/main.py", line 9, in <module>\nValueError: bad';
    expect(locateSynthError(output, '/repo/app').message).toBe('Traceback (most recent call last):');
  });
});

describe('buildSynthEnv', () => {
  it('starts from nothing: PATH (Sluice\'s Node first), a temporary HOME, the output folder and the context', () => {
    const env = buildSynthEnv({
      parentEnv: { PATH: '/usr/bin', HOME: '/root', GITHUB_TOKEN: 'x', LANG: 'C.UTF-8' },
      allowlist: ['LANG', 'GITHUB_TOKEN'], home: '/tmp/h', outDir: '/tmp/out', nodePath: '/opt/node24/bin/node', context: { env: 'prod' },
    });
    expect(env).toEqual({
      LANG: 'C.UTF-8', PATH: '/opt/node24/bin:/usr/bin', HOME: '/tmp/h', TMPDIR: '/tmp/h', CI: '1', NO_COLOR: '1', FORCE_COLOR: '0',
      CHECKPOINT_DISABLE: '1', CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1', CDKTF_OUTDIR: '/tmp/out', CDKTN_OUTDIR: '/tmp/out', SYNTH_HCL_OUTPUT: 'false',
      CDKTF_CONTEXT_JSON: '{"env":"prod"}', CDKTN_CONTEXT_JSON: '{"env":"prod"}',
    });
  });
});
