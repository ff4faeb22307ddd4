import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readServerPolicies } from '../../../src/policy/read-server-policies.ts';

describe('readServerPolicies', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the default pack, then each policy path: a file, or a folder\'s YAML files in name order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-server-policies-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'team'));
    writeFileSync(join(dir, 'team', 'b.yaml'), 'version: 1\n');
    writeFileSync(join(dir, 'team', 'a.yml'), 'version: 1\n');
    writeFileSync(join(dir, 'team', 'notes.md'), '# not a policy\n');
    writeFileSync(join(dir, 'one.yaml'), 'version: 1\n');
    const texts = readServerPolicies([join(dir, 'team'), join(dir, 'one.yaml')]);
    expect(texts.map((t) => [t.origin, t.file])).toEqual([
      ['pack', 'policies/data.yaml'], ['pack', 'policies/infrastructure.yaml'], ['pack', 'policies/pipelines.yaml'],
      ['server', join(dir, 'team', 'a.yml')], ['server', join(dir, 'team', 'b.yaml')], ['server', join(dir, 'one.yaml')],
    ]);
    expect(texts.every((t) => t.text !== undefined)).toBe(true);
  });

  it('turns a path that cannot be read into a read error (evaluation then fails closed)', () => {
    const [missing] = readServerPolicies(['/nonexistent/sluice/policies'], { packDir: false });
    expect(missing).toMatchObject({ file: '/nonexistent/sluice/policies', origin: 'server', readError: expect.stringContaining('ENOENT') });
    expect(missing?.text).toBeUndefined();
  });
});
