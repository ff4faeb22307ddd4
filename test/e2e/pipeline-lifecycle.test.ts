/** A pipeline PR through the GitHub App: the real pipeline engine on a real git repo and a real DuckDB file. */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFailure } from '../../src/core/outcome.ts';
import { createPipelineEngine } from '../../src/engines/pipeline/create-pipeline-engine.ts';
import { type TargetConfig } from '../../src/engines/target-warehouse.ts';
import { openTargetWarehouse } from '../../src/main/open-target-warehouse.ts';
import { readHistory } from '../../src/engines/pipeline/pipeline-registry.ts';
import type { ProjectEngine } from '../../src/ports/project-engine.ts';
import { checkout, engineContext, FIXTURE_REPO, NOW, seedOrders, storedPlan } from '../integration/pipeline/pipeline-test-kit.ts';
import { startHarness, type Harness } from './harness.ts';

const ORDERS_FILE = 'orders/pipelines/orders-daily.yaml';
const TARGET: TargetConfig = { type: 'duckdb', path: 'warehouse.duckdb', allow_local_apply: true, name: 'default' };

function repoFiles(): Record<string, string> {
  const files: Record<string, string> = {
    'sluice.yaml': 'version: 1\nprojects:\n  - name: analytics\n    kind: sql\n    dir: analytics\n  - name: orders\n    kind: pipeline\n    dir: orders\n',
  };
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(FIXTURE_REPO, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(FIXTURE_REPO);
  return files;
}

describe('a pipeline pull request from open to merge', () => {
  let h: Harness;
  let engine: ProjectEngine;
  let dataDir: string;
  const openWarehouse = () => openTargetWarehouse({ dataDir, env: {} })(TARGET);

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sluice-e2e-pipeline-'));
    engine = createPipelineEngine({ clock: { now: () => NOW }, openWarehouse: openTargetWarehouse({ dataDir, env: {} }) });
    const warehouse = await openWarehouse();
    await seedOrders(warehouse, [{ hoursAgo: 27.2, rows: 4 }, { hoursAgo: 3.2, rows: 3 }]);
    await warehouse.close();
    // What main has is deployed already (version 1).
    const main = checkout();
    const body = await engine.plan(engineContext({ target: TARGET, headDir: main.dir }));
    if (isFailure(body)) throw new Error(body.message);
    await engine.apply(engineContext({ target: TARGET, headDir: main.dir, pr: 1 }), storedPlan(body, { pr: 1 }));
    main.cleanup();
    h = await startHarness({ files: repoFiles(), dataDir, realEngines: { pipeline: engine } });
  });
  afterEach(async () => {
    expect(h.github.state.unexpected).toEqual([]);
    await h.stop();
  });

  it('autoplans the tightened SLA with its dry-run, applies it to the registry after approval, and releases the lock on merge', async () => {
    const original = readFileSync(join(FIXTURE_REPO, ORDERS_FILE), 'utf8');
    const tightened = original.replace('warn_after: 12h\n      error_after: 24h', 'warn_after: 4h\n      error_after: 6h');
    const headSha = await h.origin.commit('dana/orders-sla', { [ORDERS_FILE]: tightened });
    const pr = await h.openPull({ number: 7, author: 'dana', headSha, headRef: 'dana/orders-sla' });
    await h.settle();

    const plan = h.github.checkRun('sluice/plan: orders', headSha);
    expect(plan?.conclusion).toBe('success');
    expect(h.github.checkRun('sluice/plan: analytics')).toBeUndefined();
    const summary = h.github.summary(7) ?? '';
    expect(summary).toContain('| `orders` | pipeline | 1 pipeline changed: SLA tightened 24 h → 6 h | ✅ 1 passed |');
    expect(summary).toContain('SLA dry-run ok: raw.orders: last loaded 3 h 12 min ago — within the 6 h SLA');
    expect(summary).toContain('+ sources[raw.orders].freshness.error_after: 6h');

    h.github.approve(7, 'priya', headSha);
    await h.comment(7, 'sluice apply', 'dana');
    await h.settle();
    expect(h.github.checkRun('sluice/apply: orders')?.conclusion).toBe('success');
    expect(h.github.summary(7)).toContain('1 pipeline deployed');

    const warehouse = await openWarehouse();
    const history = await readHistory(warehouse, { project: 'orders', pipeline: 'orders-daily' }).finally(() => warehouse.close());
    expect(history.map((v) => [v.version, v.pr, v.commitSha])).toEqual([[1, 1, expect.any(String)], [2, 7, headSha]]);
    expect(history[1]?.appliedBy).toBe('dana');
    expect(history[1]?.spec?.sources[0]?.freshness?.error_after).toBe('6h');

    await h.close(pr, { merged: true });
    await h.settle();
    expect(await h.store.getLock({ repo: 'acme/analytics', project: 'orders', target: 'default' })).toBeUndefined();
  });

  it('fails the plan at the YAML line of a bad cron, as a check-run annotation', async () => {
    const broken = readFileSync(join(FIXTURE_REPO, ORDERS_FILE), 'utf8').replace('cron: "0 7 * * *"', 'cron: "0 7 * *"');
    const headSha = await h.origin.commit('dana/bad-cron', { [ORDERS_FILE]: broken });
    await h.openPull({ number: 8, author: 'dana', headSha, headRef: 'dana/bad-cron' });
    await h.settle();
    const run = h.github.checkRun('sluice/plan: orders', headSha);
    expect(run?.conclusion).toBe('failure');
    expect(JSON.stringify(run)).toContain('orders/pipelines/orders-daily.yaml');
    expect(h.github.summary(8)).toContain('`orders/pipelines/orders-daily.yaml:5:9`: schedule.cron: invalid cron expression "0 7 * *"');
  });
});
