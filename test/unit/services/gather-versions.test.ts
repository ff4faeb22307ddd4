import { describe, expect, it } from 'vitest';
import { ServerConfig } from '../../../src/config/schema.ts';
import type { VersionProbe } from '../../../src/ports/version-probe.ts';
import { gatherVersions, shortReason, SLUICE_VERSION } from '../../../src/services/version.ts';
import packageJson from '../../../package.json' with { type: 'json' };

const server = (targets: Record<string, unknown>) => ServerConfig.parse({ targets });

/** A probe answering from fixed values; `calls` records what was asked. */
function fakeProbe(overrides: Partial<VersionProbe> = {}): VersionProbe & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    node: 'v24.0.0-test',
    duckdb: async () => { calls.push('duckdb'); return 'v1.5.5'; },
    postgres: async (t) => { calls.push(`postgres ${t.name} ${t.url_env}`); return '16.4'; },
    terraform: async (t) => { calls.push(`terraform ${t.binary ?? '(path)'}`); return { tool: 'tofu', version: '1.8.2' }; },
    ...overrides,
  };
}

describe('gatherVersions', () => {
  it("reports Sluice's and Node's versions and each target's tool, in config order", async () => {
    const probe = fakeProbe();
    const report = await gatherVersions({
      versions: probe,
      server: server({ wh: { type: 'postgres', url_env: 'WH_URL' }, local: { type: 'duckdb' }, lake: { type: 'terraform', binary: 'tofu' }, dev: { type: 'duckdb', path: 'dev.duckdb' } }),
    });
    expect(report).toEqual({
      sluice: packageJson.version, node: 'v24.0.0-test',
      targets: [
        { target: 'wh', type: 'postgres', tool: 'PostgreSQL', version: '16.4' },
        { target: 'local', type: 'duckdb', tool: 'DuckDB', version: 'v1.5.5' },
        { target: 'lake', type: 'terraform', tool: 'tofu', version: '1.8.2' },
        { target: 'dev', type: 'duckdb', tool: 'DuckDB', version: 'v1.5.5' },
      ],
    });
    expect(SLUICE_VERSION).toBe(packageJson.version);
    // One DuckDB library, probed once for both DuckDB targets.
    expect([...probe.calls].sort()).toEqual(['duckdb', 'postgres wh WH_URL', 'terraform tofu']);
  });

  it('says when no binary is configured or found, and words each failure on its own row', async () => {
    const probe = fakeProbe({
      duckdb: async () => { throw new Error('IO Error: out of memory\nmore detail'); },
      postgres: async () => { throw new Error('password authentication failed for user "app"'); },
      terraform: async (t) => (t.binary === 'broken' ? Promise.reject(new Error('tofu version failed (exit code 1)')) : undefined),
    });
    const report = await gatherVersions({
      versions: probe,
      server: server({ db: { type: 'duckdb' }, pg: { type: 'postgres' }, aws: { type: 'terraform' }, pinned: { type: 'terraform', binary: '/opt/tf/terraform' }, bad: { type: 'terraform', binary: 'broken' } }),
    });
    expect(report.targets).toEqual([
      { target: 'db', type: 'duckdb', tool: 'DuckDB', problem: 'failed: IO Error: out of memory' },
      { target: 'pg', type: 'postgres', tool: 'PostgreSQL', problem: 'unreachable: password authentication failed for user "app"' },
      { target: 'aws', type: 'terraform', tool: 'terraform or tofu', problem: 'no terraform or tofu binary found on PATH (the target plans a configuration diff)' },
      { target: 'pinned', type: 'terraform', tool: '/opt/tf/terraform', problem: 'the configured binary `/opt/tf/terraform` was not found or is not executable' },
      { target: 'bad', type: 'terraform', tool: 'broken', problem: 'failed: tofu version failed (exit code 1)' },
    ]);
  });

  it('stops waiting for a probe that hangs: its row says it timed out and its signal is aborted', async () => {
    const signals: AbortSignal[] = [];
    const hang = (signal: AbortSignal) => { signals.push(signal); return new Promise<never>(() => undefined); };
    const probe = fakeProbe({ postgres: async (_t, signal) => hang(signal), terraform: async (_t, signal) => hang(signal) });
    const report = await gatherVersions({ versions: probe, server: server({ pg: { type: 'postgres' }, tf: { type: 'terraform' }, db: { type: 'duckdb' } }) }, { timeoutMs: 20 });
    expect(report.targets).toEqual([
      { target: 'pg', type: 'postgres', tool: 'PostgreSQL', problem: 'unreachable: timed out after 20 ms' },
      { target: 'tf', type: 'terraform', tool: 'terraform or tofu', problem: 'failed: timed out after 20 ms' },
      { target: 'db', type: 'duckdb', tool: 'DuckDB', version: 'v1.5.5' },
    ]);
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
  });

  it('never shows a connection URL a probe let slip into its message', async () => {
    const probe = fakeProbe({ postgres: async () => { throw new Error('cannot parse postgres://app:s3cret@db.internal:5432/prod as a URL'); } });
    const report = await gatherVersions({ versions: probe, server: server({ pg: { type: 'postgres' } }) });
    expect(report.targets).toEqual([{ target: 'pg', type: 'postgres', tool: 'PostgreSQL', problem: 'unreachable: cannot parse <url> as a URL' }]);
  });

  it('shortens a long reason to one line of at most 160 characters', () => {
    const reason = shortReason(new Error(`\n${'x'.repeat(300)}\nsecond line`));
    expect(reason).toBe(`${'x'.repeat(159)}…`);
    expect(shortReason('plain string')).toBe('plain string');
  });
});
