/** The pipeline plan as reviewers see it: the summary comment and check run, rendered from real plans, as golden files. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFailure, within, type Failure } from '../../../src/core/outcome.ts';
import { hasChanges, type PlanBody } from '../../../src/core/plan.ts';
import { createPipelineEngine } from '../../../src/engines/pipeline/create-pipeline-engine.ts';
import { renderCheckRun } from '../../../src/render/render-check-run.ts';
import { renderSummaryComment } from '../../../src/render/render-summary-comment.ts';
import type { ProjectView, SummaryView } from '../../../src/render/summary-view.ts';
import type { ProjectEngine } from '../../../src/ports/project-engine.ts';
import { expectGolden } from '../../golden-file.ts';
import { checkout, createPipelineWarehouse, engineContext, NOW, seedOrders, storedPlan, type PipelineWarehouse } from './pipeline-test-kit.ts';

const ORDERS_FILE = 'orders/pipelines/orders-daily.yaml';

function projectView(result: PlanBody | Failure): ProjectView {
  const base = { name: 'orders', kind: 'pipeline' as const, target: 'warehouse' };
  if (isFailure(result)) return { ...base, status: 'failed', failure: within('planning orders', result) };
  const plan = storedPlan(result);
  return { ...base, status: hasChanges(plan) ? 'planned' : 'no-changes', plan, policy: '✅' };
}

function summaryView(project: ProjectView): SummaryView {
  return {
    headSha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    projects: [project],
    requirements: [{ name: 'approved', met: false, detail: '1 approval' }, { name: 'mergeable', met: true, detail: 'no conflicts' }],
    holdsLocks: true,
    commandName: 'sluice',
    now: NOW.toISOString(),
  };
}

describe('pipeline plan comments', () => {
  let wh: PipelineWarehouse;
  let repo: { dir: string; cleanup: () => void };
  let engine: ProjectEngine;
  const edit = (from: string, to: string) => {
    const path = join(repo.dir, ORDERS_FILE);
    writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
  };
  const plan = () => engine.plan(engineContext({ target: wh.target, headDir: repo.dir }));

  beforeEach(async () => {
    wh = await createPipelineWarehouse('duckdb');
    repo = checkout();
    engine = createPipelineEngine({ clock: { now: () => NOW }, openWarehouse: wh.open });
    const warehouse = await wh.open(wh.target);
    await seedOrders(warehouse, [{ hoursAgo: 27.2, rows: 4 }, { hoursAgo: 3.2, rows: 3 }]);
    await warehouse.close();
    const first = await plan();
    if (isFailure(first)) throw new Error(first.message);
    await engine.apply(engineContext({ target: wh.target, headDir: repo.dir }), storedPlan(first));
  });
  afterEach(async () => {
    repo.cleanup();
    await wh.cleanup();
  });

  it('a tightened SLA that holds today, with a changed schedule and its next runs', async () => {
    edit('warn_after: 12h\n      error_after: 24h', 'warn_after: 4h\n      error_after: 6h');
    edit('cron: "0 7 * * *"', 'cron: "30 6 * * 1-5"');
    const markdown = renderSummaryComment(summaryView(projectView(await plan())));
    expect(markdown).toContain('| `orders` | pipeline | 1 pipeline changed: SLA tightened 24 h → 6 h, schedule 0 7 * * * → 30 6 * * 1-5 | ✅ 1 passed |');
    expect(markdown).toContain('raw.orders: last loaded 3 h 12 min ago — within the 6 h SLA');
    expectGolden('pipeline-sla-tightened', markdown);
  });

  it('a tightened SLA that would fire today, and a removed pipeline', async () => {
    edit('error_after: 24h', 'error_after: 3h');
    edit('warn_after: 12h', 'warn_after: 1h');
    edit('max_change: 50%', 'max_change: 10%');
    const result = await plan();
    const view = projectView(result);
    const markdown = renderSummaryComment(summaryView(view));
    expect(markdown).toContain('❌ 2 failed');
    expectGolden('pipeline-sla-breach', markdown);
    const check = renderCheckRun({ project: view, commandName: 'sluice', now: NOW.toISOString() }, 'plan');
    expect(check.conclusion).toBe('failure');
    expectGolden('pipeline-check-run-sla-breach', `# ${check.title}\n\n${check.summary}`);
  });

  it('invalid pipeline config, every problem located', async () => {
    edit('cron: "0 7 * * *"', 'cron: "0 25 * * *"');
    edit('runbook: runbooks/orders-daily.md', 'runbook: runbooks/orders.md');
    const ingest = join(repo.dir, 'orders/pipelines/raw-ingest.yaml');
    writeFileSync(ingest, `${readFileSync(ingest, 'utf8')}owner_team: data\n`);
    const markdown = renderSummaryComment(summaryView(projectView(await plan())));
    expect(markdown).toContain('`orders/pipelines/orders-daily.yaml:5:9`: schedule.cron: invalid cron expression');
    expectGolden('pipeline-invalid', markdown);
  });
});
