import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSqlChanges } from '../../../src/engines/sql/changes/plan-sql-changes.ts';
import { SqlChangeSet } from '../../../src/engines/sql/changes/sql-change-set.ts';
import { createSqlParser } from '../../../src/engines/sql/parse/sql-parser.ts';
import type { SqlParser } from '../../../src/engines/sql/parse/sql-parser.ts';
import { ORDERS_SQL, SHOP, removeDirs, shopWith } from './sql-project-helper.ts';

const dirs: string[] = [];
let parser: SqlParser;
beforeAll(async () => {
  parser = await createSqlParser();
});
afterAll(() => {
  parser.close();
  removeDirs(dirs);
});

/** Plans the shop fixture (base) against a copy with `edits` (head). */
async function changesWith(edits: Record<string, string | null>): Promise<SqlChangeSet> {
  const result = await planSqlChanges(SHOP, shopWith(edits, dirs), { parser });
  if (!result.ok) throw new Error(result.message);
  return result.value.changes;
}

const ORDERS = 'models/marts/orders.sql';
const editOrders = (from: string, to: string): Record<string, string> => ({ [ORDERS]: ORDERS_SQL.replace(from, to) });

describe('SQL change detection', () => {
  it('sees no change in a formatting-only or comment-only edit', async () => {
    const keywords = /\b(with|as|select|from|left join|on|where|group by|sum)\b/g;
    const reformatted = `-- orders that were not cancelled\n${ORDERS_SQL.replace(/\n\s*/g, ' ').replace(keywords, (k) => k.toUpperCase())}`;
    const changes = await changesWith({ [ORDERS]: reformatted, 'models/staging/stg_payments.sql': 'select order_id, /* paid */ amount as paid\nfrom raw.payments -- feed' });
    expect(changes).toMatchObject({ added: [], removed: [], modified: [], indirect: [] });
  });

  it('calls an added column non-breaking, and the downstream models indirectly modified', async () => {
    const changes = await changesWith(editOrders('p.paid\n', 'p.paid,\n  o.amount * 100 as amount_cents\n'));
    expect(changes.modified).toEqual([
      { model: 'marts.orders', file: ORDERS, category: 'non-breaking', reasons: ['`amount_cents` added'], impacts: [] },
    ]);
    expect(changes.indirect.map((m) => [m.model, m.breaking])).toEqual([
      ['marts.customer_ltv', false], ['marts.customer_status', false], ['marts.daily_revenue', false],
    ]);
  });

  it('calls a retyped column breaking and names the downstream columns it reaches', async () => {
    const changes = await changesWith(editOrders('o.amount::decimal(10, 2) as amount', 'o.amount::integer as amount'));
    expect(changes.modified).toEqual([{
      model: 'marts.orders',
      file: ORDERS,
      category: 'breaking',
      reasons: ['`amount` retyped (DECIMAL(10,2) → INTEGER)'],
      impacts: [{ model: 'marts.customer_ltv', columns: ['ltv'] }, { model: 'marts.daily_revenue', columns: ['revenue'] }],
    }]);
    expect(changes.indirect.find((m) => m.model === 'marts.customer_status')).toMatchObject({ breaking: false });
    expect(SqlChangeSet.parse(changes)).toEqual(changes);
  });

  it('calls a removed column breaking and reaches the models reading it', async () => {
    const yaml = readFileSync(join(SHOP, 'models/marts/orders.yaml'), 'utf8').replace(/ {2}- accepted_values.*\n/, '');
    const changes = await changesWith({ ...editOrders('  o.status,\n', ''), 'models/marts/orders.yaml': yaml });
    expect(changes.modified[0]).toMatchObject({ category: 'breaking', reasons: ['`status` removed', 'metadata changed (tests)'] });
    expect(changes.modified[0]?.impacts).toEqual([{ model: 'marts.customer_status', columns: ['last_status'] }]);
  });

  it('calls a renamed column breaking', async () => {
    const changes = await changesWith(editOrders('o.ordered_at,', 'o.ordered_at as ordered_on,'));
    expect(changes.modified[0]).toMatchObject({ category: 'breaking', reasons: ['`ordered_at` renamed to `ordered_on`'] });
  });

  it('calls a changed filter breaking: every downstream column may change', async () => {
    const changes = await changesWith(editOrders("o.status <> 'cancelled'", "o.status not in ('cancelled', 'returned')"));
    expect(changes.modified[0]).toMatchObject({ category: 'breaking', reasons: ['`status` filter changed'] });
    expect(changes.modified[0]?.impacts.map((i) => [i.model, i.columns])).toEqual([
      ['marts.customer_ltv', null], ['marts.customer_status', null], ['marts.daily_revenue', null],
    ]);
  });

  it('names changes inside a CTE, and join and grouping changes', async () => {
    const changes = await changesWith(editOrders('group by order_id', 'where paid > 0\n  group by order_id'));
    expect(changes.modified[0]?.reasons).toEqual(['CTE `paid`: `paid` filter added']);
    const joined = await changesWith(editOrders('left join paid p', 'join paid p'));
    expect(joined.modified[0]?.reasons).toEqual(['`order_id` join changed']);
    const regrouped = await changesWith({ 'models/marts/customer_ltv.sql': readFileSync(join(SHOP, 'models/marts/customer_ltv.sql'), 'utf8').replace('group by c.customer_id, c.name', 'group by c.customer_id, c.name, o.status') });
    expect(regrouped.modified[0]).toMatchObject({ model: 'marts.customer_ltv', category: 'breaking', reasons: ['`status` GROUP BY changed'] });
  });

  it('calls a grain change breaking and other metadata non-breaking', async () => {
    const meta = (grain: string, owner: string): string => `kind: table\ngrain: ${grain}\nowner: "${owner}"\n`;
    const grain = await changesWith({ 'models/marts/orders.yaml': meta('[order_id, customer_id]', '@acme/analytics') });
    expect(grain.modified[0]?.reasons[0]).toBe('grain changed (order_id → order_id, customer_id)');
    const owner = await changesWith({ 'models/marts/customer_emails.yaml': 'grain: [customer_id]\nowner: "@acme/crm"\ncolumns:\n  email: { tags: [pii] }\n' });
    expect(owner.modified).toMatchObject([{ model: 'marts.customer_emails', category: 'non-breaking', reasons: ['metadata changed (owner)'] }]);
  });

  it('reports added and removed models, and draws them', async () => {
    const changes = await changesWith({
      'models/marts/customer_emails.sql': null,
      'models/marts/customer_emails.yaml': null,
      'models/marts/big_orders.sql': 'select * from marts.orders where amount > 1000',
    });
    expect(changes.added).toEqual([{ model: 'marts.big_orders', file: 'models/marts/big_orders.sql' }]);
    expect(changes.removed).toEqual([{ model: 'marts.customer_emails', file: 'models/marts/customer_emails.sql' }]);
    expect(changes.lineage.nodes).toEqual(expect.arrayContaining([
      { name: 'marts.big_orders', kind: 'model', status: 'added' },
      { name: 'marts.customer_emails', kind: 'model', status: 'removed' },
      { name: 'marts.orders', kind: 'model', status: 'unchanged' },
    ]));
  });
});

describe('SQL project problems, located', () => {
  async function problems(edits: Record<string, string | null>): Promise<unknown> {
    const result = await planSqlChanges(SHOP, shopWith(edits, dirs), { parser });
    if (result.ok) throw new Error('expected a failure');
    return { code: result.code, problems: result.problems };
  }

  it('reports a table that is neither a model nor a source at its line and column', async () => {
    expect(await problems({ 'models/marts/daily_revenue.sql': 'select day\nfrom marts.order_facts' })).toEqual({
      code: 'config_invalid',
      problems: [{
        message: 'marts.daily_revenue: unknown table marts.order_facts (neither a model nor a source; declare it in sources.yaml or add a model)',
        location: { file: 'models/marts/daily_revenue.sql', line: 2, column: 6 },
      }],
    });
  });

  it('names a cycle in full, at the reference that closes it', async () => {
    const result = await problems({
      'models/marts/a.sql': 'select id from marts.b',
      'models/marts/b.sql': 'select id\nfrom marts.a',
    });
    expect(result).toEqual({
      code: 'cycle',
      problems: [{ message: 'dependency cycle marts.a → marts.b → marts.a', location: { file: 'models/marts/a.sql', line: 1, column: 16 } }],
    });
  });

  it('reports bad metadata and SQL syntax errors, each located', async () => {
    const result = await problems({ 'models/marts/orders.yaml': 'kind: tabel\ngrain: order_id\n' });
    expect(result).toMatchObject({
      code: 'config_invalid',
      problems: [
        { message: 'kind: expected one of view, table, incremental (got "tabel")', location: { file: 'models/marts/orders.yaml', line: 1, column: 7 } },
        { message: 'grain: expected a list, got "order_id"', location: { file: 'models/marts/orders.yaml', line: 2, column: 8 } },
      ],
    });
    const sql = await problems({ 'models/marts/daily_revenue.sql': 'select day,\nfrom marts.orders\ngroup' });
    expect(sql).toMatchObject({ problems: [{ location: { file: 'models/marts/daily_revenue.sql', line: 3, column: 6 } }] });
  });
});

describe('SQL change categories, more cases', () => {
  it('calls reordered columns non-breaking', async () => {
    const changes = await changesWith(editOrders('  o.order_id,\n  o.customer_id,\n', '  o.customer_id,\n  o.order_id,\n'));
    expect(changes.modified[0]).toMatchObject({ category: 'non-breaking', reasons: ['columns reordered'] });
  });

  it('calls a recomputed column breaking, and a new join breaking for every column', async () => {
    const recomputed = await changesWith(editOrders('p.paid\n', 'coalesce(p.paid, 0) as paid\n'));
    expect(recomputed.modified[0]).toMatchObject({ category: 'breaking', reasons: ['`paid` changed'] });
    expect(recomputed.modified[0]?.impacts).toEqual([]);
    const joined = await changesWith(editOrders("where o.status <> 'cancelled'", "join staging.stg_customers c on c.customer_id = o.customer_id\nwhere o.status <> 'cancelled'"));
    expect(joined.modified[0]?.reasons).toEqual(['join to `staging.stg_customers` on `customer_id` added']);
  });
});

describe('a broken base branch', () => {
  it('still plans a PR that fixes it: the broken model counts as changed', async () => {
    const brokenBase = shopWith({ 'models/marts/daily_revenue.sql': 'select day,\nfrom marts.orders\ngroup' }, dirs);
    const result = await planSqlChanges(brokenBase, SHOP, { parser });
    expect(result.ok && result.value.changes.modified.map((m) => [m.model, m.category])).toEqual([['marts.daily_revenue', 'breaking']]);
    expect(result.ok && result.value.changes.modified[0]?.reasons).toEqual(['its SQL did not parse on the base branch']);
  });
});

describe('refactoring', () => {
  it('calls a renamed table alias non-breaking', async () => {
    const changes = await changesWith({ [ORDERS]: ORDERS_SQL.replace(/\bo\./g, 'ord.').replace('staging.stg_orders o', 'staging.stg_orders ord') });
    expect(changes.modified[0]).toMatchObject({ category: 'non-breaking', reasons: ['alias `o` renamed to `ord`'] });
  });
});

describe('metadata checked against the SQL', () => {
  it('reports grain, described and tested columns the model does not output, and unknown relationships, at their entries', async () => {
    const result = await planSqlChanges(SHOP, shopWith({
      'models/marts/orders.yaml': [
        'kind: table',
        'grain: [order_idd]',
        'columns:',
        '  amount: {}',
        '  amout: {}',
        'tests:',
        '  - not_null: [order_id, statuss]',
        '  - relationships: { column: customer_id, to: marts.customerz, field: customer_id }',
        '',
      ].join('\n'),
    }, dirs), { parser });
    expect(!result.ok && result.problems?.map((p) => [p.location?.line, p.location?.column, p.message])).toEqual([
      [2, 9, 'grain[0]: marts.orders has no column "order_idd" (its columns: order_id, customer_id, amount, status, ordered_at, paid)'],
      [5, 3, 'columns.amout: marts.orders has no column "amout" (its columns: order_id, customer_id, amount, status, ordered_at, paid)'],
      [7, 5, 'tests[0]: marts.orders has no column "statuss" (its columns: order_id, customer_id, amount, status, ordered_at, paid)'],
      [8, 5, 'tests[1]: relationships.to: unknown model or source marts.customerz'],
    ]);
  });
});
