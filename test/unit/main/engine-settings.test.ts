/** The server config's engine settings, as the engines receive them. */
import { describe, expect, it } from 'vitest';
import { CdktfSettings, SqlEngineSettings } from '../../../src/config/schema.ts';
import { DEFAULT_SQL_LIMITS, sqlLimitsFrom } from '../../../src/engines/sql/plan/sql-plan-artifacts.ts';
import { synthSettingsFrom } from '../../../src/main/default-engines.ts';

describe('engine settings from the server config', () => {
  it('sql: rows, seconds and the incremental window become the PR build limits', () => {
    expect(sqlLimitsFrom(SqlEngineSettings.parse({ max_rows: 5, max_seconds: 30, incremental_window_days: 2 }))).toEqual({ maxRows: 5, maxSeconds: 30, incrementalWindowDays: 2 });
    expect(DEFAULT_SQL_LIMITS).toEqual({ maxRows: 10_000_000, maxSeconds: 600, incrementalWindowDays: 7 });
  });

  it('cdktf: the sandbox mode, the timeout in ms, the allowlist and the packages folders reach synth', () => {
    const settings = CdktfSettings.parse({ sandbox: 'off', synth_timeout_seconds: 90, env_allowlist: ['LANG'], packages_dirs: ['/opt/cdktf/node_modules'] });
    expect(synthSettingsFrom(settings)).toEqual({
      sandbox: { kind: 'none', required: false, reason: expect.stringContaining('turned off') }, timeoutMs: 90_000, envAllowlist: ['LANG'], packagesDirs: ['/opt/cdktf/node_modules'],
    });
  });
});
