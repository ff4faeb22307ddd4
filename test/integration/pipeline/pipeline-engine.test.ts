/** The pipeline engine on real DuckDB and PostgreSQL: SLA dry-runs with controlled loaded_at values, deploy and un-deploy. */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFailure, type Failure } from '../../../src/core/outcome.ts';
import type { PlanBody } from '../../../src/core/plan.ts';
import { createPipelineEngine } from '../../../src/engines/pipeline/create-pipeline-engine.ts';
import { evaluateSource } from '../../../src/engines/pipeline/evaluate-slas.ts';
import { readHistory, readRegistry } from '../../../src/engines/pipeline/pipeline-registry.ts';
import type { ProjectEngine } from '../../../src/ports/project-engine.ts';
import { checkout, createPipelineWarehouse, engineContext, NOW, seedOrders, storedPlan, type PipelineWarehouse } from './pipeline-test-kit.ts';

const ORDERS_FILE = 'orders/pipelines/orders-daily.yaml';

function planned(result: PlanBody | Failure): PlanBody {
  if (isFailure(result)) throw new Error(`plan failed: ${result.message}\n${JSON.stringify(result.problems)}`);
  return result;
}

describe.each(['duckdb', 'postgres'] as const)('pipeline engine on %s', (dialect) => {
  let wh: PipelineWarehouse;
  let repo: { dir: string; cleanup: () => void };
  let engine: ProjectEngine;
  const exportDir = () => join(wh.dataDir, 'exports');
  const edit = (file: string, from: string, to: string) => {
    const path = join(repo.dir, file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
  };
  const plan = async () => planned(await engine.plan(engineContext({ target: wh.target, headDir: repo.dir })));
  const withWarehouse = async <T>(use: (w: Awaited<ReturnType<PipelineWarehouse['open']>>) => Promise<T>) => {
    const warehouse = await wh.open(wh.target);
    try {
      return await use(warehouse);
    } finally {
      await warehouse.close();
    }
  };

  beforeEach(async () => {
    wh = await createPipelineWarehouse(dialect);
    repo = checkout();
    engine = createPipelineEngine({ clock: { now: () => NOW }, openWarehouse: wh.open, exportDirFor: () => exportDir() });
    // Loads of 4 and 3 rows, the last 3 h 12 min ago.
    await withWarehouse((w) => seedOrders(w, [{ hoursAgo: 27.2, rows: 4 }, { hoursAgo: 3.2, rows: 3 }]));
  });
  afterEach(async () => {
    repo.cleanup();
    await wh.cleanup();
  });

  it('dry-runs each new SLA against the current data', async () => {
    const body = await plan();
    expect(body.summary).toEqual({ headline: '2 pipelines added', add: 2, change: 0, destroy: 0 });
    expect(body.tests).toEqual([
      { name: 'orders-daily: raw.orders freshness', status: 'passed', message: 'raw.orders: last loaded 3 h 12 min ago — within the 24 h SLA', location: { file: ORDERS_FILE, line: 13, column: 7 } },
      { name: 'orders-daily: raw.orders volume', status: 'passed', message: 'raw.orders: last load has 3 rows, −25% from 4 in the previous load — within the 50% allowed', location: { file: ORDERS_FILE, line: 17, column: 7 } },
    ]);
  });

  it('fails the dry-run when a tightened SLA would fire today, and warns past warn_after', async () => {
    edit(ORDERS_FILE, 'warn_after: 12h\n      error_after: 24h', 'warn_after: 1h\n      error_after: 3h');
    edit(ORDERS_FILE, 'max_change: 50%', 'max_change: 10%');
    expect((await plan()).tests.map((t) => [t.status, t.message])).toEqual([
      ['failed', 'raw.orders: last loaded 3 h 12 min ago — breaches the 3 h SLA'],
      ['failed', 'raw.orders: last load has 3 rows, −25% from 4 in the previous load — more than the 10% change allowed'],
    ]);
    edit(ORDERS_FILE, 'error_after: 3h', 'error_after: 4h');
    expect((await plan()).tests[0]?.message).toBe('raw.orders: last loaded 3 h 12 min ago — past the 1 h warning, within the 4 h SLA');
  });

  it('reports a source never loaded, too few rows, and a volume rule without loads to compare', async () => {
    const results = await withWarehouse(async (w) => {
      await seedOrders(w, []);
      const empty = await evaluateSource(w, { source: { name: 'raw.orders', freshness: { loaded_at: '_loaded_at', error_after: '6h' }, volume: { min_rows: 1 } }, now: NOW, quoteIdent: w.quoteIdent });
      await seedOrders(w, [{ hoursAgo: 1, rows: 2 }]);
      const single = await evaluateSource(w, { source: { name: 'raw.orders', freshness: { loaded_at: '_loaded_at', error_after: '6h' }, volume: { max_change: '10%' } }, now: NOW, quoteIdent: w.quoteIdent, rules: ['volume'] });
      const whole = await evaluateSource(w, { source: { name: 'raw.orders', volume: { min_rows: 5 } }, now: NOW, quoteIdent: w.quoteIdent });
      const missing = await evaluateSource(w, { source: { name: 'raw.nope', volume: { min_rows: 5 } }, now: NOW, quoteIdent: w.quoteIdent });
      return [...empty, ...single, ...whole, ...missing.map((r) => ({ ...r, message: r.message.slice(0, 30) }))];
    });
    expect(results.map((r) => [r.rule, r.status, r.message])).toEqual([
      ['freshness', 'breach', 'raw.orders: never loaded (no rows) — breaches the 6 h SLA'],
      ['volume', 'breach', 'raw.orders: last load has 0 rows — fewer than the 1 required'],
      ['volume', 'ok', 'raw.orders: last load has 2 rows; no previous load to compare'],
      ['volume', 'breach', 'raw.orders: has 2 rows — fewer than the 5 required'],
      ['volume', 'error', 'raw.nope: cannot check volume:'],
    ]);
  });

  it('fails validation with located problems when a source or its loaded_at column is missing', async () => {
    edit(ORDERS_FILE, 'loaded_at: _loaded_at', 'loaded_at: loaded');
    edit(ORDERS_FILE, '  - marts.orders', '  - marts.ordrs');
    const result = await engine.plan(engineContext({ target: wh.target, headDir: repo.dir }));
    expect(isFailure(result) && result.code).toBe('config_invalid');
    expect(isFailure(result) && result.problems?.map((p) => [p.message, p.location?.line])).toEqual([
      ['refreshes[1]: unknown model "marts.ordrs": no models/marts/ordrs.sql in the repo\'s SQL projects', 9],
      ['sources[0].freshness.loaded_at: no column "loaded" in raw.orders (columns: order_id, amount, _loaded_at)', 13],
    ]);
  });

  it('deploys, diffs against the registry, un-deploys a removed file and restores it by revert', async () => {
    const first = await engine.apply({ ...engineContext({ target: wh.target, headDir: repo.dir }), actor: 'dana' } as never, storedPlan(await plan()));
    expect(first).toEqual({ summary: '2 pipelines deployed', steps: expect.arrayContaining(['deployed orders-daily as version 1 (a1b2c3d, PR #12)', `wrote ${join(exportDir(), 'orders', 'orders-daily.json')}`]) });
    const exported = JSON.parse(readFileSync(join(exportDir(), 'orders', 'orders-daily.json'), 'utf8'));
    expect(exported).toMatchObject({ pipeline: 'orders-daily', version: 1, pr: 12, applied_by: 'dana', spec: { schedule: { cron: '0 7 * * *' } } });
    expect((await plan()).changes).toEqual([]);

    edit(ORDERS_FILE, 'warn_after: 12h\n      error_after: 24h', 'warn_after: 4h\n      error_after: 6h');
    const tightened = await plan();
    expect(tightened.summary.headline).toBe('1 pipeline changed: SLA tightened 24 h → 6 h');
    expect(tightened.changes[0]?.detail).toContain('+ sources[raw.orders].freshness.error_after: 6h');

    rmSync(join(repo.dir, ORDERS_FILE));
    const removal = await plan();
    expect(removal.changes).toMatchObject([{ action: 'delete', address: 'pipeline orders-daily', risk: 'destructive' }]);
    expect(await engine.apply(engineContext({ target: wh.target, headDir: repo.dir, pr: 13 }), storedPlan(removal, { pr: 13, headSha: 'b'.repeat(40) })))
      .toMatchObject({ summary: '0 pipelines deployed, 1 un-deployed' });
    expect(existsSync(join(exportDir(), 'orders', 'orders-daily.json'))).toBe(false);

    repo.cleanup();
    repo = checkout();
    const revert = await plan();
    expect(revert.changes).toMatchObject([{ action: 'create', address: 'pipeline orders-daily' }]);
    await engine.apply(engineContext({ target: wh.target, headDir: repo.dir, pr: 14 }), storedPlan(revert, { pr: 14, headSha: 'c'.repeat(40) }));
    const history = await withWarehouse((w) => readHistory(w, { project: 'orders', pipeline: 'orders-daily' }));
    expect(history.map((v) => [v.version, v.deployed, v.pr, v.commitSha.slice(0, 1), v.appliedBy ?? null])).toEqual([[1, true, 12, 'a', 'dana'], [2, false, 13, 'b', null], [3, true, 14, 'c', null]]);
    expect(history[2]?.spec).toEqual(history[0]?.spec);
  });

  it('writes every version in one transaction: a failure part-way leaves the registry unchanged', async () => {
    const body = await plan();
    let inserts = 0;
    const faulty = createPipelineEngine({
      clock: { now: () => NOW },
      openWarehouse: async (target) => {
        const real = await wh.open(target);
        return {
          ...real,
          transaction: (fn) => real.transaction((tx) => fn({
            ...tx,
            execute: async (sql, params) => {
              if (sql.includes('INSERT INTO') && ++inserts === 2) throw new Error('disk full');
              return tx.execute(sql, params);
            },
          })),
        };
      },
    });
    await expect(faulty.apply(engineContext({ target: wh.target, headDir: repo.dir }), storedPlan(body))).rejects.toThrow('disk full');
    expect(inserts).toBe(2);
    expect(await withWarehouse((w) => readRegistry(w))).toEqual([]);
  });

  it('refuses a plan made before another deploy moved the registry', async () => {
    const stale = await plan();
    await engine.apply(engineContext({ target: wh.target, headDir: repo.dir, pr: 20 }), storedPlan(stale, { pr: 20 }));
    const result = await engine.apply(engineContext({ target: wh.target, headDir: repo.dir }), storedPlan(stale));
    expect(result).toMatchObject({ ok: false, code: 'apply_failed', message: 'deploying pipelines: orders-daily is at version 1 on the target, the plan expected 0; production is unchanged' });
  });
});
