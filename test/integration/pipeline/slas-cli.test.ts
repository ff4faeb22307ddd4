/** `sluice slas`: every deployed SLA evaluated now, on real DuckDB and PostgreSQL; non-zero exit on a breach. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slas } from '../../../src/cli/slas.ts';
import { isFailure } from '../../../src/core/outcome.ts';
import { createPipelineEngine } from '../../../src/engines/pipeline/create-pipeline-engine.ts';
import { checkout, createPipelineWarehouse, engineContext, NOW, seedOrders, storedPlan, type PipelineWarehouse } from './pipeline-test-kit.ts';

describe.each(['duckdb', 'postgres'] as const)('sluice slas on %s', (dialect) => {
  let wh: PipelineWarehouse;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    wh = await createPipelineWarehouse(dialect);
    const { type: _type, name: _name, ...rest } = wh.target;
    const config = join(wh.dataDir, 'sluice-server.json');
    writeFileSync(config, JSON.stringify({ data_dir: wh.dataDir, targets: { warehouse: { type: wh.target.type, ...rest }, lake: { type: 'terraform' } } }));
    env = { SLUICE_CONFIG: config, ...wh.env };
    const repo = checkout();
    const warehouse = await wh.open(wh.target);
    await seedOrders(warehouse, [{ hoursAgo: 30, rows: 4 }, { hoursAgo: 3.2, rows: 3 }]);
    await warehouse.close();
    const engine = createPipelineEngine({ clock: { now: () => NOW }, openWarehouse: wh.open });
    const body = await engine.plan(engineContext({ target: wh.target, headDir: repo.dir }));
    if (isFailure(body)) throw new Error(body.message);
    await engine.apply(engineContext({ target: wh.target, headDir: repo.dir }), storedPlan(body));
    repo.cleanup();
  });
  afterEach(async () => wh.cleanup());

  async function run(now: Date): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await slas({ env, io: { out: (s) => void (out += s), err: (s) => void (err += s) }, clock: { now: () => now } });
    return { code, out, err };
  }

  it('exits 0 when every SLA holds, naming the owner and linking the runbook', async () => {
    const { code, out, err } = await run(NOW);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe([
      'orders-daily (orders v1 on warehouse) · owner @acme/data-eng · runbook https://github.com/acme/analytics/blob/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678/runbooks/orders-daily.md',
      '  ✅ freshness: raw.orders: last loaded 3 h 12 min ago — within the 24 h SLA',
      '  ✅ volume: raw.orders: last load has 3 rows, −25% from 4 in the previous load — within the 50% allowed',
      'warehouse: 2 SLA rules checked: 0 breached, 0 warning, 0 not checked',
      '',
    ].join('\n'));
  });

  it('exits 1 on a breach', async () => {
    const { code, out } = await run(new Date(NOW.getTime() + 24 * 3_600_000));
    expect(code).toBe(1);
    expect(out).toContain('BREACH orders-daily (orders v1 on warehouse) · owner @acme/data-eng · runbook https://github.com/');
    expect(out).toContain('  ❌ freshness: raw.orders: last loaded 27 h 12 min ago — breaches the 24 h SLA');
    expect(out).toContain('warehouse: 2 SLA rules checked: 1 breached, 0 warning, 0 not checked');
  });
});
