/** `sluice plan` and `sluice apply` failures read as one chain of what was being done, each part once (the CLI path). */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { apply, plan } from '../../../src/cli/plan.ts';
import { createLocalRepo, sluice, withDuckDb, write } from './local-repo-kit.ts';

const SERVER = () => 'targets:\n  default: { type: duckdb, path: warehouse.duckdb, allow_local_apply: true }\n';
const SLUICE_YAML = 'version: 1\nprojects:\n  - name: analytics\n    kind: sql\n    dir: analytics\n';
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('failure messages of sluice plan and sluice apply', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  const createRepo = () => createLocalRepo(dirs, {
    server: SERVER,
    files: { 'sluice.yaml': SLUICE_YAML, 'analytics/models/marts/customers.sql': 'select 1 as customer_id\n' },
  });

  it('a model that does not build: "planning analytics: building marts.orders: …", each part once', async () => {
    const repo = await createRepo();
    write(repo.dir, { 'analytics/models/marts/orders.sql': 'select order_id, amt from (select 1 as order_id, 10.5 as amount) o\n' });

    const text = await sluice(repo, plan);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/\n {2}✗ analytics\/models\/marts\/orders\.sql:1:\d+: planning analytics: building marts\.orders: Binder Error: [^\n]*"amt"/);
    expect(occurrences(text.out, 'planning analytics')).toBe(1);

    const json = await sluice(repo, plan, ['--format', 'json']);
    const [outcome] = JSON.parse(json.out).projects;
    expect(outcome.failure.message).toMatch(/^planning analytics: building marts\.orders: Binder Error: /);
    expect(occurrences(outcome.failure.message, 'planning analytics')).toBe(1);
    expect(occurrences(outcome.failure.message, 'building marts.orders')).toBe(1);
  });

  it('an apply refused because production moved: "applying analytics: production changed since this plan: …", once', async () => {
    const repo = await createRepo();
    write(repo.dir, { 'analytics/models/marts/orders.sql': 'select 1 as order_id, 10.5 as amount\n' });
    expect((await sluice(repo, plan)).code).toBe(2);
    await withDuckDb(repo, 'warehouse.duckdb', (w) => w.execute('CREATE SCHEMA marts; CREATE TABLE marts.orders (order_id integer)'));

    const applied = await sluice(repo, apply);

    expect(applied.code).toBe(1);
    expect(applied.out).toContain('\n  ✗ applying analytics: production changed since this plan: marts.orders is now a table, the plan found nothing; '
      + 'production is unchanged (the transaction was rolled back)\n');
    expect(occurrences(applied.out, 'applying analytics')).toBe(1);
  });
});
