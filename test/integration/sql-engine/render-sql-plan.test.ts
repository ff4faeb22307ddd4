/** The sql plan as reviewers see it, rendered from a real plan on DuckDB, as a golden file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlEngine } from '../../../src/engines/sql/create-sql-engine.ts';
import { renderProjectSection } from '../../../src/render/render-project-section.ts';
import { renderSqlSections } from '../../../src/render/render-sql-sections.ts';
import type { ProjectView } from '../../../src/render/summary-view.ts';
import { expectGolden } from '../../golden-file.ts';
import { checkout, createSqlWarehouse, deployMain, engineContext, expectBody, NOW, seedSources, storedPlan, type SqlWarehouse } from './sql-engine-kit.ts';

describe('sql plan sections', () => {
  let wh: SqlWarehouse;
  const base = checkout();
  beforeAll(async () => {
    wh = await createSqlWarehouse('duckdb');
    const warehouse = await wh.open(wh.target);
    await seedSources(warehouse).finally(() => warehouse.close());
    await deployMain(createSqlEngine({ openWarehouse: wh.open, clock: { now: () => NOW } }), wh.target);
  });
  afterAll(async () => {
    await wh.cleanup();
    base.cleanup();
  });

  it('renders categories, lineage, diff numbers first, masked samples folded, and the failing test', async () => {
    const engine = createSqlEngine({ openWarehouse: wh.open, clock: { now: () => NOW } });
    const head = checkout();
    head.edit('models/marts/orders.sql', 'o.amount,', 'round(o.amount) as amount,');
    head.edit('models/marts/orders.sql', "where o.status <> 'cancelled'", "where o.status not in ('cancelled', 'returned')");
    head.edit('models/marts/orders.yaml', '  - unique: [order_id]\n', '  - unique: [order_id]\n  - row_count: { max: 5 }\n');
    head.edit('models/marts/customers.sql', 'group by', 'where c.id <> 4\ngroup by');
    head.write('models/marts/big_orders.sql', 'select order_id, amount from marts.orders where amount > 100\n');
    const body = expectBody(await engine.plan(engineContext({ target: wh.target, baseDir: base.dir, headDir: head.dir })));
    head.cleanup();
    const view: ProjectView = { name: 'shop', kind: 'sql', target: 'warehouse', status: 'planned', plan: storedPlan(body), policy: '✅' };
    const section = renderProjectSection(view, { commandName: 'sluice', now: NOW.toISOString(), details: 'inline' });
    expect(section).toContain('```mermaid');
    expect(section).not.toContain('d@x.io');
    expectGolden('sql-plan-section', section);
    expect(renderSqlSections(undefined)).toBe('');
  });

  it('says an incremental model was built and compared on its recent window only, and that apply rebuilds it in full', async () => {
    const engine = createSqlEngine({ openWarehouse: wh.open, clock: { now: () => NOW } });
    const head = checkout();
    head.edit('models/marts/recent_orders.sql', 'o.amount,', 'o.amount * 2 as amount,');
    const body = expectBody(await engine.plan(engineContext({ target: wh.target, baseDir: base.dir, headDir: head.dir, pr: 8 })));
    head.cleanup();
    const section = renderSqlSections(body);
    expect(section).toMatch(/\| `marts\.recent_orders` \| [^|]+ \|[^\n]*rows since 2025-03-07 12:00:00 only \(incremental; apply rebuilds it in full\); amount \d+ changed/);
  });
});
