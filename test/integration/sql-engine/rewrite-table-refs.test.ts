/** Table references found by DuckDB's parser and rewritten on their positions, with positions mapped back. */
import { describe, expect, it } from 'vitest';
import { locateTableMentions, scanQualifiedName } from '../../../src/engines/sql/build/locate-table-mentions.ts';
import { rewriteTableRefs } from '../../../src/engines/sql/build/rewrite-table-refs.ts';

const rename = (name: string) => (name === 'marts.orders' ? '"marts__pr_7"."orders"' : undefined);

describe('rewriting table references for the PR environment', () => {
  it('rewrites every mention of a built model — quoted, spaced, catalog-qualified, in subqueries — and nothing else', async () => {
    const sql = [
      "with orders as (select 1 as id) -- marts.orders in a comment",
      "select o.id, 'marts.orders' as label, orders.id as cte_id",
      'from "marts" . orders o',
      'join main.marts.orders p using (id)',
      'join orders on true',
      'where o.id in (select id from MARTS.ORDERS) and exists (select 1 from staging.stg where marts_orders = 1)',
    ].join('\n');
    const [mentions] = await locateTableMentions([sql]);
    expect(mentions?.map((m) => m.name)).toEqual(['marts.orders', 'marts.orders', 'marts.orders', 'staging.stg']);
    const rewritten = rewriteTableRefs(sql, mentions ?? [], rename);
    expect(rewritten.sql).toBe(sql
      .replace('"marts" . orders o', '"marts__pr_7"."orders" o')
      .replace('main.marts.orders p', '"marts__pr_7"."orders" p')
      .replace('MARTS.ORDERS)', '"marts__pr_7"."orders")'));
    const after = rewritten.sql.indexOf('staging.stg');
    expect(rewritten.toOriginal(after)).toBe(sql.indexOf('staging.stg'));
    expect(rewritten.toOriginal(rewritten.sql.indexOf('"marts__pr_7"."orders" p') + 5)).toBe(sql.indexOf('main.marts.orders'));
    expect(rewritten.toOriginal(3)).toBe(3);
  });

  it('reports a text that does not parse as undefined, and reads names exactly', async () => {
    expect(await locateTableMentions(['select from from'])).toEqual([undefined]);
    expect(scanQualifiedName('"a""b".c x', 0, 2)).toBe(8);
    expect(scanQualifiedName('a . b', 0, 2)).toBe(5);
    expect(scanQualifiedName('a b', 0, 2)).toBeUndefined();
  });
});
