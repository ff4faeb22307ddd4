import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { synthCdktfApp } from '../../../src/engines/cdktf/synth-app.ts';
import { fixtureApp, makeTempDir, synthOptions, writeFiles } from './cdktf-test-helpers.ts';

const temp = makeTempDir('cdktf-errors');
afterAll(() => temp.remove());

function lineOf(file: string, text: string): number {
  return readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1;
}

async function synthTemp(name: string, files: Record<string, string>): Promise<Awaited<ReturnType<typeof synthCdktfApp>>> {
  const dir = join(temp.dir, name);
  writeFiles(dir, { 'package.json': JSON.stringify({ type: 'module' }), ...files });
  return synthCdktfApp(synthOptions(dir, join(temp.dir, `${name}-out`)));
}

describe('synth errors are located in the app', () => {
  it('points an exception at the app file and line that threw, with the output tail', async () => {
    const result = await synthCdktfApp(synthOptions(fixtureApp('throws'), join(temp.dir, 'throws-out')));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const line = lineOf(join(fixtureApp('throws'), 'naming.ts'), 'throw new Error');
    expect(result).toMatchObject({ code: 'engine_failed', location: { file: 'naming.ts', line, column: expect.any(Number) } });
    expect(result.message.split('\n')[0]).toBe(`Error: bucket name "data-Raw_Files" is invalid: use lowercase letters, digits and dashes (naming.ts:${line})`);
    expect(result.message).toContain('at bucketName (file://');
  });

  it('points a TypeScript syntax error at its line', async () => {
    const result = await synthTemp('syntax', {
      'cdktf.json': JSON.stringify({ app: 'node main.ts' }),
      'main.ts': 'const region = "eu-west-1";\nconst bucket: = "raw";\nconsole.log(region, bucket);\n',
    });
    expect(result).toMatchObject({ ok: false, code: 'engine_failed', location: { file: 'main.ts', line: 2 } });
    if (!result.ok) expect(result.message).toMatch(/^SyntaxError \[ERR_INVALID_TYPESCRIPT_SYNTAX\]: .* \(main\.ts:2\)/);
  });

  it('points a type-checker error (tsc format) at its file, line and column', async () => {
    const result = await synthTemp('typecheck', {
      'cdktf.json': JSON.stringify({ app: 'npx ts-node main.ts' }),
      'main.ts': 'export {};\n',
      'node_modules/.bin/ts-node': [
        '#!/usr/bin/env node',
        'console.error("TSError: ⨯ Unable to compile TypeScript:");',
        'console.error("stacks/lake.ts(14,7): error TS2322: Type \'number\' is not assignable to type \'string\'.");',
        'process.exit(1);',
      ].join('\n'),
    });
    expect(result).toMatchObject({ ok: false, location: { file: 'stacks/lake.ts', line: 14, column: 7 } });
    if (!result.ok) expect(result.message.split('\n')[0]).toBe('TSError: ⨯ Unable to compile TypeScript: (stacks/lake.ts:14)');
  });

  it('says how the app exited when its output names no error', async () => {
    const result = await synthTemp('exit-code', {
      'cdktf.json': JSON.stringify({ app: 'node main.ts' }),
      'main.ts': 'console.log("giving up");\nprocess.exit(3);\n',
    });
    expect(result).toMatchObject({ ok: false, code: 'engine_failed', message: '"node main.ts" exited with code 3\n\ngiving up' });
  });

  it('fails when the app exits without synthesizing', async () => {
    const result = await synthTemp('no-synth', { 'cdktf.json': JSON.stringify({ app: 'node main.ts' }), 'main.ts': 'export {};\n' });
    expect(result).toMatchObject({ ok: false, code: 'engine_failed' });
    if (!result.ok) expect(result.message).toBe('reading the synth output: the app wrote no manifest.json');
  });

  it('fails clearly when the app synthesizes HCL instead of JSON', async () => {
    const result = await synthCdktfApp(synthOptions(fixtureApp('hcl-output'), join(temp.dir, 'hcl-out')));
    expect(result).toMatchObject({ ok: false, code: 'engine_failed', hint: expect.stringMatching(/hclOutput/) });
    if (!result.ok) expect(result.message).toBe('reading the synth output: stack lake was synthesized as HCL (stacks/lake/cdk.tf); Sluice reads JSON stacks');
  });

  it('fails when the manifest points outside the output folder', async () => {
    const result = await synthTemp('escape', {
      'cdktf.json': JSON.stringify({ app: 'node main.ts' }),
      'main.ts': [
        "import { writeFileSync } from 'node:fs';",
        "const stack = { name: 'x', workingDirectory: '../..', synthesizedStackPath: '../../etc/passwd' };",
        "writeFileSync(process.env['CDKTF_OUTDIR'] + '/manifest.json', JSON.stringify({ version: '0.21.0', stacks: { x: stack } }));",
      ].join('\n'),
    });
    expect(result).toMatchObject({ ok: false, message: 'reading the synth output: stack x points outside the output folder' });
  });
});
