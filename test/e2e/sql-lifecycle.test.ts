/** A SQL PR through the GitHub App: the real sql engine on a real git repo and a real DuckDB file. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withPullRequestSession, type TargetConfig } from '../../src/engines/target-warehouse.ts';
import { openTargetWarehouse } from '../../src/main/open-target-warehouse.ts';
import { createSqlEngine } from '../../src/engines/sql/create-sql-engine.ts';
import type { Warehouse } from '../../src/ports/warehouse.ts';
import { deployMain, FIXTURE, NOW, seedSources } from '../integration/sql-engine/sql-engine-kit.ts';
import { startHarness, type Harness } from './harness.ts';
import { ORDERS_MODEL as ORDERS, shopRepoFiles, withShopWarehouse } from './shop-repo.ts';

const TARGET: TargetConfig = { type: 'duckdb', path: 'warehouse.duckdb', allow_local_apply: true, name: 'default' };

describe('a SQL pull request from open to merge', { timeout: 120_000 }, () => {
  let h: Harness;
  let dataDir: string;
  const withWarehouse = <T>(use: (w: Warehouse) => Promise<T>): Promise<T> => withShopWarehouse(dataDir, use);

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sluice-e2e-sql-'));
    const engine = createSqlEngine({ clock: { now: () => NOW }, openWarehouse: openTargetWarehouse({ dataDir, env: {} }) });
    await withWarehouse(seedSources);
    await deployMain(engine, TARGET);
    h = await startHarness({ files: shopRepoFiles(), dataDir, realEngines: { sql: engine } });
  });
  afterEach(async () => {
    expect(h.github.state.unexpected).toEqual([]);
    await h.stop();
  });

  it('autoplans with diff numbers, applies to production after approval, and drops the PR schemas on close', async () => {
    const original = readFileSync(join(FIXTURE, 'models/marts/orders.sql'), 'utf8');
    const headSha = await h.origin.commit('dana/no-returns', { [ORDERS]: original.replace("where o.status <> 'cancelled'", "where o.status not in ('cancelled', 'returned')") });
    const pr = await h.openPull({ number: 7, author: 'dana', headSha, headRef: 'dana/no-returns' });
    await h.settle();

    expect(h.github.checkRun('sluice/plan: shop', headSha)?.status).toBe('completed');
    const summary = h.github.summary(7) ?? '';
    expect(summary).toContain('| `shop` | sql | 🔴 1 modified (1 breaking), 2 impacted | ✅ 6 passed |');
    expect(summary).toContain('breaking change to marts.orders (read by marts.customers, marts.daily_revenue)');
    expect(summary).toContain('| `marts.orders` | 🔴 breaking: `status` filter changed | 0 | 5 (33.33%) | 0 | 10 |');
    expect(summary).toContain('```mermaid');
    const prSchemas = () => withWarehouse((w) => withPullRequestSession(w, { repo: 'acme/analytics', number: 7 }, async (s) => (await s.query("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '%__pr_7'")).map((r) => r['schema_name'])));
    expect(await prSchemas()).toEqual(['marts__pr_7']);

    // The default policy pack asks the model's owner (@acme/analytics in orders.yaml) to approve a breaking change.
    h.github.addTeamMember('acme/analytics', 'olivia');
    await h.comment(7, 'sluice approve_policies', 'olivia');
    h.github.approve(7, 'priya', headSha);
    await h.comment(7, 'sluice apply', 'dana');
    await h.settle();
    expect(h.github.checkRun('sluice/apply: shop')?.conclusion).toBe('success');
    expect(h.github.summary(7)).toContain('3 models built in production, in one transaction');
    expect(await withWarehouse(async (w) => (await w.query('SELECT count(*) AS n FROM marts.orders'))[0]?.['n'])).toBe(10);
    expect(await withWarehouse(async (w) => (await w.query("SELECT head_sha FROM _sluice.sql_deployments WHERE model = 'marts.orders'"))[0]?.['head_sha'])).toBe(headSha);

    await h.close(pr, { merged: true });
    await h.settle();
    expect(await prSchemas()).toEqual([]);
    expect(await h.store.getLock({ repo: 'acme/analytics', project: 'shop', target: 'default' })).toBeUndefined();
  });
});
