import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// `npm run demo` end to end: a temporary git repo from examples/acme-analytics, production built from main
// (1.2M seeded orders, every model, both pipelines), a branch planned and applied. Real git, DuckDB, CDKTF synth.
describe('npm run demo', () => {
  it('builds production, plans the branch (exit 2), applies it and shows production updated', { timeout: 240_000 }, () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env['FORCE_COLOR'];
    const run = spawnSync(process.execPath, ['scripts/demo.ts'], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr + run.stdout).not.toMatch(/^demo: /m);
    expect(run.status).toBe(0);
    const out = run.stdout;
    expect(out).toContain('raw.orders     1200000');
    expect(out).toMatch(/\$ sluice plan\nSluice plan: main \([0-9a-f]{7}\) → working tree \([0-9a-f]{7} \+ uncommitted changes\) · 3 project\(s\)/);
    expect(out).toMatch(/~ marts\.orders breaking/);
    expect(out).toContain('`days_since_first_order` added');
    expect(out).toMatch(/marts\.daily_revenue \(impacted\)|rebuilt: upstream marts\.orders changed/);
    expect(out).toContain('+ sources[raw.orders].freshness.error_after: 6h');
    expect(out).toContain('~ rule.0.expiration.0.days = 14 -> 7');
    expect(out).toContain('target `aws-prod` does not allow local applies');
    expect(out).toMatch(/orders-daily {2}2 {8}6h/);
    expect(out).toMatch(/Done in \d+\.\d s\./);
  });
});
