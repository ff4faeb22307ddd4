/** `sluice diff <model>` on a temporary git repo holding the shop SQL project, with production in a real DuckDB file. */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { diff } from '../../../src/cli/diff-command.ts';
import { apply, plan } from '../../../src/cli/plan.ts';
import { withPullRequestSession } from '../../../src/engines/target-warehouse.ts';
import { localPullRequest } from '../../../src/services/working-tree-context.ts';
import type { Clock } from '../../../src/ports/clock.ts';
import type { Warehouse } from '../../../src/ports/warehouse.ts';
import { FIXTURE, NOW, seedSources } from '../sql-engine/sql-engine-kit.ts';
import { createLocalRepo, sluice as runLocal, withDuckDb, type LocalCommand, type LocalRepo } from './local-repo-kit.ts';

const clock: Clock = { now: () => NOW };

type Repo = LocalRepo & { warehouse: string };

const sluice = (repo: Repo, command: LocalCommand, args: string[]) => runLocal(repo, command, args, clock);

/** A repo with `shop/` (the sql engine's fixture) committed on main, its sources seeded, and every model deployed. */
async function createRepo(dirs: string[]): Promise<Repo> {
  const local = await createLocalRepo(dirs, {
    server: (outside) => `targets:\n  default: { type: duckdb, path: ${join(outside, 'warehouse.duckdb')}, allow_local_apply: true }\n`,
    files: { 'sluice.yaml': 'version: 1\nprojects:\n  - name: shop\n    kind: sql\n    dir: shop\n' },
    copies: { shop: FIXTURE },
  });
  const repo: Repo = { ...local, warehouse: join(local.outside, 'warehouse.duckdb') };
  await withWarehouse(repo, seedSources);
  const planned = await sluice(repo, plan, ['--base', 'none', '-p', 'shop']);
  if (planned.code !== 2) throw new Error(`deploying production: plan exited ${planned.code}: ${planned.err}${planned.out}`);
  const applied = await sluice(repo, apply, ['-p', 'shop']);
  if (applied.code !== 0) throw new Error(`deploying production: apply exited ${applied.code}: ${applied.err}${applied.out}`);
  return repo;
}

const withWarehouse = <T>(repo: Repo, use: (w: Warehouse) => Promise<T>): Promise<T> => withDuckDb(repo, repo.warehouse, use);

function edit(repo: Repo, file: string, from: string, to: string): void {
  const path = join(repo.dir, 'shop', file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(path, text.replace(from, to));
}

describe('sluice diff <model>', () => {
  const dirs: string[] = [];
  let repo: Repo;
  const run = (args: string[]) => sluice(repo, diff, args);

  beforeAll(async () => {
    repo = await createRepo(dirs);
  }, 60_000);
  afterEach(async () => {
    await repo.git.checkout(['--', '.']);
    await repo.git.clean('f', ['-d']);
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 on a model identical to production, and says the unchanged model was rebuilt to check for drift', async () => {
    const { code, out, err } = await run(['marts.orders']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('Sluice diff: marts.orders · shop → default');
    expect(out).toMatch(/unchanged in the working tree \([0-9a-f]{7}\) since main \([0-9a-f]{7}\): a fresh build compared with production \(shows drift\)/);
    expect(out).toContain('built marts__pr_0.orders (15 rows); production: marts.orders');
    expect(out).toContain('✔ identical: marts.orders built from the working tree matches production (15 rows)');
  });

  it('diffs an incremental model on its window only', async () => {
    const { code, out } = await run(['MARTS.RECENT_ORDERS']);
    expect(code).toBe(0);
    expect(out).toContain('Sluice diff: marts.recent_orders');
    expect(out).toMatch(/incremental: both sides cover rows since 2025-0\d-\d\d/);
    expect(out).toContain('✔ identical');
  });

  it('exits 2 on a changed model, with the row counts, and leaves production alone', async () => {
    edit(repo, 'models/marts/orders.sql', "where o.status <> 'cancelled'", "where o.status not in ('cancelled', 'returned')");
    const { code, out } = await run(['marts.orders']);
    expect(code).toBe(2);
    expect(out).toMatch(/modified \(breaking\) in the working tree \([0-9a-f]{7} \+ uncommitted changes\) since main \([0-9a-f]{7}\): `status` filter changed/);
    expect(out).toContain('! differs from production: 5 row(s) differ');
    expect(out).toMatch(/rows +15 → 10\n/);
    expect(out).toMatch(/added +0\n +removed +5 \(33\.33%\)\n +changed +0\n +unchanged +10\n/);
    expect(out).toMatch(/ - order_id=2, customer_id=3, amount=21, status=returned, ordered_at=2025-03-12 13:00:00\n/);
    expect(await withWarehouse(repo, async (w) => (await w.query('SELECT count(*) AS n FROM marts.orders'))[0]?.['n'])).toBe(15);
  });

  it('masks PII columns in the sample rows unless --show-pii', async () => {
    edit(repo, 'models/marts/customers.sql', 'group by c.id', 'where c.id <> 2\ngroup by c.id');
    const masked = await run(['marts.customers']);
    expect(masked.code).toBe(2);
    expect(masked.out).toContain('Sample rows (PII masked):');
    expect(masked.out).toMatch(/ - customer_id=2, email=•••, orders=\d+/);
    expect(masked.out).not.toContain('b@x.io');
    const shown = await run(['marts.customers', '--show-pii']);
    expect(shown.code).toBe(2);
    expect(shown.out).toMatch(/ - customer_id=2, email=b@x\.io, orders=\d+/);
    const json = JSON.parse((await run(['marts.customers', '--format', 'json'])).out);
    expect(json.diff.samples.removed).toEqual([{ customer_id: 2, email: '•••', orders: expect.any(Number) }]);
  });

  it('prints the diff data with --format json', async () => {
    edit(repo, 'models/marts/orders.sql', "where o.status <> 'cancelled'", "where o.status not in ('cancelled', 'returned')");
    const { code, out } = await run(['marts.orders', '--format', 'json']);
    expect(code).toBe(2);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      version: 1, model: 'marts.orders', project: { name: 'shop', target: 'default', dir: 'shop' },
      base: { ref: 'main' }, head: { dirty: true }, change: { status: 'breaking', reasons: ['`status` filter changed'] },
      production: { schema: 'marts', table: 'orders' }, built: [{ model: 'marts.orders', schema: 'marts__pr_0', table: 'orders', rows: 10 }],
      isNew: false, identical: false,
      diff: {
        before: { schema: 'marts', table: 'orders' }, after: { schema: 'marts__pr_0', table: 'orders' }, identical: false,
        rowCount: { before: 15, after: 10 }, rows: { added: 0, removed: 5, changed: 0, unchanged: 10 },
        grain: { columns: ['order_id'], reliable: true },
      },
    });
    expect(json.base.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(json.diff.samples.removed.map((r: { order_id: number }) => r.order_id)).toEqual([2, 6, 10, 14, 18]);
  });

  it('renders the PR comment\'s data-diff section with --format markdown', async () => {
    edit(repo, 'models/marts/orders.sql', "where o.status <> 'cancelled'", "where o.status not in ('cancelled', 'returned')");
    const { code, out } = await run(['marts.orders', '--format', 'markdown']);
    expect(code).toBe(2);
    expect(out).toContain('### Data diff of `marts.orders`');
    expect(out).toContain('| `marts.orders` | 🔴 breaking: `status` filter changed | 0 | 5 (33.33%) | 0 | 10 |');
    expect(out).toContain('Sample rows of <code>marts.orders</code> (PII masked)');
    expect((await run(['marts.orders', '--format', 'markdown', '--show-pii'])).code).toBe(1);
  });

  it('builds a model on its modified upstream model, and nothing downstream of it', async () => {
    edit(repo, 'models/staging/stg_orders.sql', 'customer_id, amount,', 'customer_id, amount * 2 as amount,');
    const { code, out } = await run(['marts.orders', '--format', 'json']);
    expect(code).toBe(2);
    const json = JSON.parse(out);
    expect(json.change).toEqual({ status: 'indirect', reasons: ['upstream staging.stg_orders changed'] });
    expect(json.built.map((b: { model: string }) => b.model)).toEqual(['staging.stg_orders', 'marts.orders']);
    expect(json.diff.rows).toMatchObject({ added: 0, removed: 0, changed: 15, unchanged: 0 });
    expect(json.diff.columns.find((c: { name: string }) => c.name === 'amount')).toMatchObject({ changed: 15 });
    expect(json.diff.samples.changed[0]).toEqual({ key: { order_id: 1 }, before: { amount: 10.5 }, after: { amount: 21 }, changedColumns: ['amount'] });
    const exists = await withWarehouse(repo, (w) => withPullRequestSession(w, localPullRequest(repo.dir), async (s) => [await s.tableExists('staging__pr_0', 'stg_orders'), await s.tableExists('marts__pr_0', 'daily_revenue'), await s.tableExists('marts__pr_0', 'customers')]));
    expect(exists).toEqual([true, false, false]);
  });

  it('says a model production does not have yet is new, and exits 2', async () => {
    writeFileSync(join(repo.dir, 'shop/models/marts/big_orders.sql'), 'select order_id, amount from marts.orders where amount > 100\n');
    const { code, out } = await run(['marts.big_orders']);
    expect(code).toBe(2);
    expect(out).toContain('added in the working tree');
    expect(out).toContain('built marts__pr_0.big_orders (8 rows); production: marts.big_orders');
    expect(out).toContain('+ new model: production has no marts.big_orders yet, nothing to diff');
  });

  it('exits 1 on an unknown model, naming the close ones', async () => {
    const { code, out, err } = await run(['marts.ordres']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('sluice: unknown model marts.ordres: no model of that name in SQL project shop; did you mean marts.orders?');
    expect(err).toContain('hint: Models are named schema.table after their path under models/: marts.customers, marts.daily_revenue, marts.orders, marts.recent_orders, staging.stg_orders.');
  });

  it('exits 1 on a model that fails to build, located in its file', async () => {
    edit(repo, 'models/marts/orders.sql', 'o.amount,', 'o.amount / o.nope as amount,');
    const { code, err } = await run(['marts.orders']);
    expect(code).toBe(1);
    expect(err).toMatch(/sluice: shop\/models\/marts\/orders\.sql:\d+:\d+: diffing marts\.orders in shop: /);
  });

  it('builds within the server config\'s sql limits: a plan over `sql.max_rows` stops and names the setting', async () => {
    const tight = join(repo.outside, 'tight.yaml');
    writeFileSync(tight, `targets:\n  default: { type: duckdb, path: ${repo.warehouse}, allow_local_apply: true }\nsql: { max_rows: 12 }\n`);
    edit(repo, 'models/staging/stg_orders.sql', 'from raw.orders', 'from raw.orders where true');
    const limited = { ...repo, env: { ...repo.env, SLUICE_CONFIG: tight } };
    const { code, out } = await sluice(limited, plan, []);
    expect(code).toBe(1);
    expect(out).toMatch(/the PR build stopped after staging\.stg_orders \(1 of \d models\): its 20 rows exceed the budget of 12 rows/);
    expect(out).toContain('raise `sql.max_rows` / `sql.max_seconds` in the server config');
  });

  it('asks for -p when several projects have the model', async () => {
    cpSync(join(repo.dir, 'shop'), join(repo.dir, 'shop2'), { recursive: true });
    writeFileSync(join(repo.dir, 'sluice.yaml'), 'version: 1\nprojects:\n  - name: shop\n    kind: sql\n    dir: shop\n  - name: shop2\n    kind: sql\n    dir: shop2\n');
    const ambiguous = await run(['marts.orders']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toContain('model marts.orders is in 2 SQL projects: shop, shop2');
    expect(ambiguous.err).toContain('hint: Choose one: sluice diff marts.orders -p shop, or sluice diff marts.orders -p shop2');
    expect((await run(['marts.orders', '-p', 'shop'])).code).toBe(0);
  });
});
