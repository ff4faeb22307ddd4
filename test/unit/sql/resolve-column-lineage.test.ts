import { describe, expect, it } from 'vitest';
import { resolveColumnLineage } from '../../../src/engines/sql/lineage/resolve-column-lineage.ts';
import type { QueryShape, ShapeOutput } from '../../../src/engines/sql/parse/query-shape.ts';

const column = (name: string, ...refs: string[]): ShapeOutput => ({ name, key: name, refs: refs.map((r) => r.split('.')) });
const select = (parts: Partial<QueryShape>): QueryShape => ({ ctes: [], outputs: [], relations: [], clauses: [], branches: [], ...parts });
const known: Record<string, string[]> = { 'marts.orders': ['order_id', 'customer_id', 'amount'] };
const tableColumns = (table: string): string[] | undefined => known[table];

describe('resolveColumnLineage', () => {
  it('follows aliases, subqueries and stars to upstream columns, and collects row-deciding columns', () => {
    const inner = select({ outputs: [column('customer_id', 'customer_id'), column('total', 'amount')], relations: [{ kind: 'table', alias: 'orders', table: 'marts.orders' }] });
    const shape = select({
      outputs: [{ name: '*', key: '*', refs: [], star: { relation: 't', exclude: [] } }, column('name', 'c.name')],
      relations: [{ kind: 'query', alias: 't', query: inner }, { kind: 'table', alias: 'c', table: 'raw.customers' }],
      clauses: [{ kind: 'join', key: 'j', refs: [['c', 'id'], ['t', 'customer_id']] }],
    });
    expect(resolveColumnLineage(shape, tableColumns)).toEqual({
      columns: [
        { name: 'customer_id', sources: ['marts.orders.customer_id'] },
        { name: 'total', sources: ['marts.orders.amount'] },
        { name: 'name', sources: ['raw.customers.name'] },
      ],
      rowSources: ['marts.orders.customer_id', 'raw.customers.id'],
    });
  });

  it('gives unknown columns when a star covers a table whose columns are not declared', () => {
    const shape = select({ outputs: [{ name: '*', key: '*', refs: [], star: { exclude: [] } }], relations: [{ kind: 'table', alias: 'x', table: 'raw.x' }] });
    expect(resolveColumnLineage(shape, tableColumns).columns).toBeUndefined();
  });

  it('merges set-operation branches by position', () => {
    const branch = (table: string): QueryShape => select({ outputs: [column('id', 'id')], relations: [{ kind: 'table', alias: table, table: `raw.${table}` }] });
    const shape = select({ branches: [branch('a'), branch('b')], outputs: branch('a').outputs });
    expect(resolveColumnLineage(shape, tableColumns).columns).toEqual([{ name: 'id', sources: ['raw.a.id', 'raw.b.id'] }]);
  });
});
