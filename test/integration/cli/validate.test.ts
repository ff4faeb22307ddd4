import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';

async function repo(files: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-cli-'));
  await simpleGit(dir).init();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('sluice validate', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('lists the projects of a valid sluice.yaml in apply order', async () => {
    const dir = await repo({ 'sluice.yaml': 'version: 1\nprojects:\n  - name: lake\n    kind: cdktf\n    dir: infra\n    depends_on: [analytics]\n  - name: analytics\n    kind: sql\n    dir: analytics\n' });
    dirs.push(dir);
    const { code, out } = await run(['validate', dir]);
    expect(code).toBe(0);
    expect(out).toMatch(/2 project\(s\)\n {2}analytics {2}sql.*\n {2}lake {2}cdktf/);
  });

  it('points at the line and column of a mistake and exits 1', async () => {
    const dir = await repo({ 'sluice.yaml': 'version: 1\nprojects:\n  - name: analytics\n    kind: sqll\n' });
    dirs.push(dir);
    const { code, err } = await run(['validate', dir]);
    expect(code).toBe(1);
    expect(err).toContain('sluice.yaml:4:11: projects[0].kind: expected one of sql, pipeline, terraform, cdktf (got "sqll")');
  });

  it('names a dependency cycle in full', async () => {
    const dir = await repo({ 'sluice.yaml': 'version: 1\nprojects:\n  - name: a\n    kind: sql\n    depends_on: [b]\n  - name: b\n    kind: sql\n    dir: b\n    depends_on: [a]\n' });
    dirs.push(dir);
    const { code, err } = await run(['validate', dir]);
    expect(code).toBe(1);
    expect(err).toContain('a → b → a');
  });

  it('discovers projects when there is no sluice.yaml', async () => {
    const dir = await repo({ 'warehouse/models/orders.sql': 'select 1', 'infra/main.tf': 'resource "null_resource" "x" {}' });
    dirs.push(dir);
    const { code, out } = await run(['validate', dir]);
    expect(code).toBe(0);
    expect(out).toContain('infra  terraform  dir=infra');
    expect(out).toContain('warehouse  sql  dir=warehouse');
  });

  it('answers an unknown command with the usage and exit 2', async () => {
    const { code, err } = await run(['destroy']);
    expect(code).toBe(2);
    expect(err).toContain('unknown command `destroy`');
    expect(err).toContain('validate');
  });
});
