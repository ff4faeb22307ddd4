/** The sql engine on DuckDB and PostgreSQL: PR builds, categories, diffs, tests, located errors, atomic apply, cleanup. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFailure } from '../../../src/core/outcome.ts';
import { createSqlEngine } from '../../../src/engines/sql/create-sql-engine.ts';
import type { ProjectEngine } from '../../../src/ports/project-engine.ts';
import type { Warehouse } from '../../../src/ports/warehouse.ts';
import { checkout, createSqlWarehouse, deployMain, engineContext, expectBody, NOW, prSchemas, seedSources, storedPlan, withPrSession, type SqlWarehouse } from './sql-engine-kit.ts';

describe.each(['duckdb', 'postgres'] as const)('the sql engine on %s', (dialect) => {
  let wh: SqlWarehouse;
  let engine: ProjectEngine;
  const base = checkout();
  const withWarehouse = async <T>(use: (w: Warehouse) => Promise<T>): Promise<T> => {
    const w = await wh.open(wh.target);
    try {
      return await use(w);
    } finally {
      await w.close();
    }
  };
  const count = (table: string) => withWarehouse(async (w) => Number((await w.query(`SELECT count(*) AS n FROM ${table}`))[0]?.['n']));
  /** Rows of a table as the PR's session reads it (PR schemas live there). */
  const prCount = (table: string, pr: number) => withPrSession(wh, async (s) => Number((await s.query(`SELECT count(*) AS n FROM ${table}`))[0]?.['n']), { number: pr });
  const schemas = () => withWarehouse(async (w) => (await w.query('SELECT schema_name FROM information_schema.schemata WHERE catalog_name = current_database()')).map((r) => String(r['schema_name'])).sort());
  const planHead = async (edit: (head: ReturnType<typeof checkout>) => void, pr = 7) => {
    const head = checkout();
    edit(head);
    const ctx = engineContext({ target: wh.target, baseDir: base.dir, headDir: head.dir, pr });
    return { ctx, head, result: await engine.plan(ctx) };
  };

  beforeAll(async () => {
    wh = await createSqlWarehouse(dialect);
    engine = createSqlEngine({ openWarehouse: wh.open, clock: { now: () => NOW } });
    await withWarehouse(seedSources);
    await deployMain(engine, wh.target);
  });
  afterAll(async () => {
    await wh.cleanup();
    base.cleanup();
  });

  it('plans nothing when no model changed', async () => {
    const { result, head } = await planHead(() => undefined);
    head.cleanup();
    expect(expectBody(result)).toMatchObject({ summary: { headline: 'no changes' }, changes: [] });
  });

  it('plans a breaking filter change: PR build in marts__pr_7, downstream rebuilt, diff numbers, production untouched', async () => {
    const progress: string[] = [];
    const head = checkout();
    head.edit('models/marts/orders.sql', "where o.status <> 'cancelled'", "where o.status not in ('cancelled', 'returned')");
    const ctx = engineContext({ target: wh.target, baseDir: base.dir, headDir: head.dir, progress: (m) => progress.push(m) });
    const body = expectBody(await engine.plan(ctx));
    head.cleanup();
    expect(body.summary.headline).toBe('1 modified (1 breaking), 2 impacted');
    expect(progress).toContain('building 1 of 3 models');
    const orders = body.changes.find((c) => c.address === 'marts.orders');
    expect(orders).toMatchObject({ action: 'update', risk: 'breaking' });
    expect(orders?.detail).toEqual(expect.arrayContaining(['# `status` filter changed', 'rows: +0 -5 ~0 =10']));
    expect(body.changes.map((c) => c.address).sort()).toEqual(['marts.customers', 'marts.daily_revenue', 'marts.orders']);
    expect(await prCount('marts__pr_7.orders', 7)).toBe(10);
    expect(await count('marts.orders')).toBe(15);
    const { facts } = body;
    expect(facts.models.find((m) => m.name === 'marts.orders')?.rows?.removed).toBe(5);
    expect(facts.failingTests).toBe(0);
    expect(body.tests.every((t) => t.status === 'passed')).toBe(true);
  });

  it('plans a non-breaking added column: the column in the schema diff, rows unchanged', async () => {
    const { result, head } = await planHead((h) => h.edit('models/marts/orders.sql', 'o.ordered_at\n', 'o.ordered_at,\n  o.amount * 100 as amount_cents\n'), 8);
    head.cleanup();
    const body = expectBody(result);
    expect(body.summary.headline).toBe('1 modified, 2 impacted');
    const orders = body.changes.find((c) => c.address === 'marts.orders');
    expect(orders).toMatchObject({ risk: 'none' });
    expect(orders?.detail).toEqual(expect.arrayContaining(['# `amount_cents` added', 'rows: +0 -0 ~0 =15', expect.stringMatching(/^\+ column amount_cents /)]));
  });

  it('reports a failing data test at its line in the model YAML, as an annotation', async () => {
    const { result, head } = await planHead((h) => h.edit('models/marts/orders.sql', "where o.status <> 'cancelled'", 'where true'), 9);
    head.cleanup();
    const body = expectBody(result);
    const failed = body.tests.filter((t) => t.status === 'failed');
    expect(failed).toEqual([expect.objectContaining({ name: 'accepted_values(marts.orders.status)', location: expect.objectContaining({ file: 'shop/models/marts/orders.yaml', line: 7 }) })]);
    expect(failed[0]?.message).toMatch(/^5 failing rows/);
    expect(body.annotations).toEqual([expect.objectContaining({ level: 'failure', location: expect.objectContaining({ file: 'shop/models/marts/orders.yaml', line: 7 }) })]);
  });

  it('fails a model that does not build at its line and column, leaving production untouched', async () => {
    const { result, head } = await planHead((h) => h.edit('models/marts/daily_revenue.sql', 'sum(o.amount)', 'sum(o.status)'), 10);
    head.cleanup();
    expect(isFailure(result)).toBe(true);
    if (!isFailure(result)) return;
    expect(result.message).toMatch(/^building marts\.daily_revenue: /);
    expect(result.location).toEqual({ file: 'shop/models/marts/daily_revenue.sql', line: 1, column: 43 });
    expect(await count('marts.daily_revenue')).toBeGreaterThan(0);
  });

  it('locates an error after a rewritten reference in the SQL as written', async () => {
    const { result, head } = await planHead((h) => {
      h.edit('models/marts/orders.sql', 'o.ordered_at\n', 'o.ordered_at,\n  1 as one\n');
      h.edit('models/marts/daily_revenue.sql', 'from marts.orders o', 'from marts.orders o where o.nope > 0');
    }, 14);
    head.cleanup();
    expect(isFailure(result) && result.location).toEqual({ file: 'shop/models/marts/daily_revenue.sql', line: 2, column: 27 });
  });

  it('stops when the run is cancelled', async () => {
    const head = checkout();
    head.edit('models/staging/stg_orders.sql', 'from raw.orders', 'from raw.orders where true');
    const controller = new AbortController();
    controller.abort();
    const ctx = { ...engineContext({ target: wh.target, baseDir: base.dir, headDir: head.dir, pr: 15 }), signal: controller.signal };
    const result = await engine.plan(ctx);
    head.cleanup();
    expect(isFailure(result) && result.code).toBe('cancelled');
  });

  it('builds incremental models on a bounded window and says so', async () => {
    const { result, head } = await planHead((h) => h.edit('models/marts/recent_orders.sql', 'o.amount,', 'o.amount, o.status,'), 11);
    head.cleanup();
    const body = expectBody(result);
    expect(await prCount('marts__pr_11.recent_orders', 11)).toBe(7);
    expect(body.changes[0]?.detail).toEqual(expect.arrayContaining([expect.stringMatching(/^# incremental: built and compared on rows since 2025-03-07 12:00:00 only/), 'rows: +0 -0 ~0 =7']));
  });

  it('stops a runaway build at the row budget with a clear notice', async () => {
    const small = createSqlEngine({ openWarehouse: wh.open, clock: { now: () => NOW }, limits: { maxRows: 12 } });
    const head = checkout();
    head.edit('models/staging/stg_orders.sql', 'from raw.orders', 'from raw.orders where true');
    const result = await small.plan(engineContext({ target: wh.target, baseDir: base.dir, headDir: head.dir, pr: 12 }));
    head.cleanup();
    expect(isFailure(result) && result.message).toMatch(/the PR build stopped after staging\.stg_orders \(1 of \d models\): its 20 rows exceed the budget of 12 rows/);
  });

  it('stops a build that runs past the time budget', async () => {
    let tick = NOW.getTime();
    const slow = createSqlEngine({ openWarehouse: wh.open, clock: { now: () => new Date((tick += 400_000)) }, limits: { maxSeconds: 600 } });
    const head = checkout();
    head.edit('models/staging/stg_orders.sql', 'from raw.orders', 'from raw.orders where true');
    const result = await slow.plan(engineContext({ target: wh.target, baseDir: base.dir, headDir: head.dir, pr: 12 }));
    head.cleanup();
    expect(isFailure(result) && result.message).toMatch(/the PR build stopped after marts\.orders \(2 of 5 models\): it ran 800 s, over the budget of 600 s/);
  });

  it('interrupts a statement still running when the time budget runs out', async () => {
    const quick = createSqlEngine({ openWarehouse: wh.open, clock: { now: () => NOW }, limits: { maxSeconds: 1 } });
    const head = checkout();
    const slow = dialect === 'duckdb' ? 'select sum(i % 7) as n from range(50000000000) t(i)' : 'select 1 as n from (select pg_sleep(60)) s';
    head.write('models/marts/slow.sql', `${slow}\n`);
    const started = Date.now();
    const result = await quick.plan(engineContext({ target: wh.target, baseDir: base.dir, headDir: head.dir, pr: 19 }));
    head.cleanup();
    expect(isFailure(result) && result.message).toBe('the PR build stopped while building marts.slow (0 of 1 models built): it ran over the budget of 1 s');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await withPrSession(wh, (s) => s.tableExists('marts__pr_19', 'slow'), { number: 19 })).toBe(false);
    expect(await withPrSession(wh, (s) => s.tableExists('marts__pr_19', 'nothing_else'), { number: 19 })).toBe(false);
  });

  it('applies atomically: a failing statement leaves production unchanged; the plan then applies; a second apply is stale', async () => {
    const { ctx, result, head } = await planHead((h) => h.edit('models/marts/orders.sql', "where o.status <> 'cancelled'", "where o.status not in ('cancelled', 'returned')"), 13);
    head.cleanup();
    const body = expectBody(result);
    const { artifacts } = body;
    const broken = { ...artifacts, statements: artifacts.statements.map((s) => (s.model === 'marts.daily_revenue' && s.sql.startsWith('CREATE') ? { ...s, sql: 'CREATE TABLE marts.daily_revenue AS SELECT nope FROM marts.orders' } : s)) };
    const failed = await engine.apply(ctx, storedPlan({ ...body, artifacts: broken }, { pr: 13 }));
    expect(isFailure(failed) && failed.code).toBe('apply_failed');
    expect(isFailure(failed) && failed.message).toMatch(/marts\.daily_revenue: CREATE TABLE .*production is unchanged/);
    expect(await count('marts.orders')).toBe(15);

    const applied = await engine.apply(ctx, storedPlan(body, { pr: 13 }));
    expect(applied).toMatchObject({ summary: '3 models built in production, in one transaction' });
    expect(await count('marts.orders')).toBe(10);
    expect(await count('marts.customers')).toBe(4);
    const again = await engine.apply(ctx, storedPlan(body, { pr: 13 }));
    expect(isFailure(again) && again.code).toBe('plan_stale');
  });

  it('tells policies who still reads a removed model in production, and the tags of the models it builds', async () => {
    const { result, head } = await planHead((h) => {
      rmSync(join(h.dir, 'shop/models/marts/daily_revenue.sql'));
      rmSync(join(h.dir, 'shop/models/marts/daily_revenue.yaml'));
      h.edit('models/marts/customers.sql', 'left join marts.orders o', 'left join staging.stg_orders o');
      h.edit('models/marts/customers.yaml', 'kind: view', 'kind: view\ntags: [critical, finance]');
    }, 17);
    head.cleanup();
    const { facts } = expectBody(result);
    expect(facts.removedModels).toEqual([{ name: 'marts.daily_revenue', tags: [], owners: [], readers: [] }]);
    expect(facts.models.find((m) => m.name === 'marts.customers')?.tags).toEqual(['critical', 'finance']);
  });

  it('names the production readers of a removed model, but not those the pull request removes too', async () => {
    const { result, head } = await planHead((h) => {
      for (const f of ['orders', 'daily_revenue']) {
        rmSync(join(h.dir, `shop/models/marts/${f}.sql`));
        rmSync(join(h.dir, `shop/models/marts/${f}.yaml`));
      }
      h.edit('models/marts/customers.sql', 'left join marts.orders o', 'left join staging.stg_orders o');
    }, 18);
    head.cleanup();
    const { facts } = expectBody(result);
    expect(facts.removedModels.find((m) => m.name === 'marts.orders')).toMatchObject({ readers: ['marts.customers'], owners: ['acme/analytics'] });
  });

  it('drops a removed model from production on apply and forgets its fingerprint', async () => {
    const { ctx, result, head } = await planHead((h) => {
      rmSync(join(h.dir, 'shop/models/marts/recent_orders.sql'));
      rmSync(join(h.dir, 'shop/models/marts/recent_orders.yaml'));
    }, 16);
    head.cleanup();
    const body = expectBody(result);
    expect(body.summary.headline).toBe('1 removed');
    expect(body.changes).toEqual([{ action: 'delete', address: 'marts.recent_orders', risk: 'destructive' }]);
    expect(await engine.apply(ctx, storedPlan(body, { pr: 16 }))).toMatchObject({ summary: '0 models built in production, 1 dropped, in one transaction' });
    expect(await withWarehouse((w) => w.tableExists('marts', 'recent_orders'))).toBe(false);
    expect(await withWarehouse((w) => w.query("SELECT * FROM _sluice.sql_deployments WHERE model = 'marts.recent_orders'"))).toEqual([]);
  });

  it('cleanup drops the PR schemas of that pull request and nothing else, idempotently', async () => {
    expect(await prSchemas(wh, { number: 7 })).toContain('marts__pr_7');
    expect(await prSchemas(wh, { number: 12 })).toContain('staging__pr_12');
    const ctx = engineContext({ target: wh.target, baseDir: base.dir, headDir: base.dir, pr: 7 });
    await engine.cleanup({ ...ctx, pr: { repo: 'acme/other', number: 7 } });
    expect(await prSchemas(wh, { number: 7 })).toContain('marts__pr_7');
    await engine.cleanup(ctx);
    await engine.cleanup(ctx);
    expect(await prSchemas(wh, { number: 7 })).not.toContain('marts__pr_7');
    expect(await prSchemas(wh, { number: 8 })).toContain('marts__pr_8');
    expect(await schemas()).toEqual(expect.arrayContaining(['marts', 'staging', 'raw', '_sluice']));
  });
});
