import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadServerConfig, parseServerConfig, ServerConfigError } from '../../../src/config/load-server-config.ts';
import { formatProblem } from '../../../src/config/parse-yaml-located.ts';
import { ServerConfig } from '../../../src/config/schema.ts';

const lines = (...ls: string[]): string => ls.join('\n') + '\n';

describe('parseServerConfig', () => {
  it('treats an empty file as every default', () => {
    expect(parseServerConfig('', 'server.yaml')).toEqual({ ok: true, value: ServerConfig.parse({}) });
  });

  it('locates problems inside targets, including a bad target name at the key', () => {
    const result = parseServerConfig(lines(
      'targets:',
      '  warehouse: { type: pg }',
      '  "my target": { type: duckdb }',
      '  infra:',
      '    type: terraform',
      '    path: main.tf',
      'concurrency: 0',
    ), 'server.yaml');
    if (result.ok) throw new Error('expected invalid');
    expect(result.problems?.map(formatProblem)).toEqual([
      'server.yaml:2:22: targets.warehouse.type: expected one of duckdb, postgres, terraform (got "pg")',
      'server.yaml:3:3: targets["my target"]: invalid key: must be letters, digits, ".", "_" or "-", starting with a letter or digit',
      'server.yaml:6:5: targets.infra.path: unknown key (expected one of type, workspace, binary, env, allow_local_apply)',
      'server.yaml:7:14: concurrency: must be at least 1',
    ]);
  });

  it('has engine settings with defaults, and checks them where they are written', () => {
    const defaults = ServerConfig.parse({});
    expect(defaults.sql).toEqual({ max_rows: 10_000_000, max_seconds: 600, incremental_window_days: 7 });
    expect(defaults.cdktf).toEqual({ sandbox: 'auto', sandbox_network: false, packages_dirs: [], synth_timeout_seconds: 600, env_allowlist: [] });
    const tuned = parseServerConfig(lines('sql: { max_rows: 5000 }', 'cdktf: { sandbox: bubblewrap }'), 'server.yaml');
    expect(tuned.ok && tuned.value.sql).toEqual({ max_rows: 5000, max_seconds: 600, incremental_window_days: 7 });
    expect(tuned.ok && tuned.value.cdktf.sandbox).toBe('bubblewrap');
    const bad = parseServerConfig(lines('sql:', '  max_seconds: 0', 'cdktf:', '  env_allowlist: [LANG, "not a name"]'), 'server.yaml');
    expect(bad.ok ? [] : bad.problems?.map(formatProblem)).toEqual([
      'server.yaml:2:16: sql.max_seconds: must be at least 1',
      'server.yaml:4:25: cdktf.env_allowlist[1]: expected an environment variable name',
    ]);
  });

  it('requires a target type', () => {
    const result = parseServerConfig(lines('targets:', '  warehouse:', '    path: w.duckdb'), 'server.yaml');
    expect(result.ok ? [] : result.problems?.map(formatProblem)).toEqual([
      'server.yaml:3:5: targets.warehouse.type: is required (one of duckdb, postgres, terraform)',
    ]);
  });

  it('rejects a default target that is not defined', () => {
    const result = parseServerConfig(lines(
      'targets:',
      '  warehouse: { type: duckdb }',
      'default_targets:',
      '  sql: warehouse',
      '  terraform: prod',
    ), 'server.yaml');
    expect(result.ok ? [] : result.problems?.map(formatProblem)).toEqual([
      'server.yaml:5:14: default_targets.terraform: target "prod" is not defined (targets: warehouse)',
    ]);
  });
});

describe('loadServerConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses every default without SLUICE_CONFIG', () => {
    expect(loadServerConfig({})).toEqual(ServerConfig.parse({}));
  });

  it('reads the file SLUICE_CONFIG names, and SLUICE_DATA_DIR overrides data_dir', () => {
    const file = join(dir, 'sluice-server.yaml');
    writeFileSync(file, lines('data_dir: /var/lib/sluice', 'automerge: true'));
    expect(loadServerConfig({ SLUICE_CONFIG: file })).toMatchObject({ automerge: true, data_dir: '/var/lib/sluice' });
    expect(loadServerConfig({ SLUICE_CONFIG: file, SLUICE_DATA_DIR: '/data' })).toMatchObject({ automerge: true, data_dir: '/data' });
    expect(loadServerConfig({ SLUICE_DATA_DIR: '/data' }).data_dir).toBe('/data');
  });

  it('refuses to start with an invalid file, listing file:line:col problems', () => {
    const file = join(dir, 'sluice-server.yaml');
    writeFileSync(file, lines('automerge: sometimes', 'concurrency: 100'));
    expect(() => loadServerConfig({ SLUICE_CONFIG: file })).toThrow(ServerConfigError);
    expect(() => loadServerConfig({ SLUICE_CONFIG: file })).toThrow(
      `invalid server config ${file}:\n  ${file}:1:12: automerge: expected true or false, got "sometimes"\n  ${file}:2:14: concurrency: must be at most 64`,
    );
  });

  it('refuses to start when the file cannot be read', () => {
    const file = join(dir, 'missing.yaml');
    expect(() => loadServerConfig({ SLUICE_CONFIG: file })).toThrow(/reading server config .*missing\.yaml \(SLUICE_CONFIG\): ENOENT/);
  });
});
