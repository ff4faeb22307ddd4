/** The pure helpers behind the warehouse adapters, data tests and diff (no warehouse needed). */
import { describe, expect, it } from 'vitest';
import { normalizeColumnType } from '../../../src/adapters/warehouse/normalize-column-type.ts';
import { quoteIdent } from '../../../src/adapters/warehouse/quote-ident.ts';
import { nestable, sqlLiteral, testName } from '../../../src/engines/sql/data-tests/failing-rows-sql.ts';
import { compareSchemas } from '../../../src/engines/sql/data-diff/compare-schemas.ts';

describe('normalizeColumnType', () => {
  it.each([
    ['INTEGER', 'integer', 'integer'], ['int4', 'integer', 'integer'], ['BIGINT', 'bigint', 'integer'],
    ['DECIMAL(18,3)', 'decimal(18,3)', 'decimal'], ['numeric(10, 2)', 'decimal(10,2)', 'decimal'], ['numeric', 'decimal', 'decimal'],
    ['double precision', 'double', 'float'], ['FLOAT', 'real', 'float'], ['character varying(20)', 'varchar', 'text'],
    ['TEXT', 'varchar', 'text'], ['timestamp without time zone', 'timestamp', 'temporal'],
    ['TIMESTAMP WITH TIME ZONE', 'timestamptz', 'temporal'], ['timestamp(3) with time zone', 'timestamptz', 'temporal'],
    ['integer[]', 'integer[]', 'other'], ['STRUCT(x INTEGER)', 'struct(x integer)', 'other'], ['jsonb', 'json', 'other'],
  ])('%s → %s (%s)', (raw, type, kind) => {
    expect(normalizeColumnType(raw)).toEqual({ type, kind });
  });
});

describe('SQL text helpers', () => {
  it('quotes identifiers and literals', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral(2.5)).toBe('2.5');
    expect(sqlLiteral(false)).toBe('FALSE');
    expect(() => sqlLiteral(Number.NaN)).toThrow(/finite/);
  });

  it('makes a user query nestable and names tests', () => {
    expect(nestable('  SELECT 1 ;\n; ')).toBe('SELECT 1');
    expect(testName({ kind: 'unique', table: { schema: 'marts', table: 'orders' }, columns: ['a', 'b'] })).toBe('unique(marts.orders.a, b)');
  });
});

describe('compareSchemas', () => {
  it('finds added, removed and retyped columns, keeping production order', () => {
    const col = (name: string, type: string, kind: 'integer' | 'text' | 'decimal') => ({ name, type, kind, nullable: true });
    const { diff, shared } = compareSchemas(
      [col('id', 'integer', 'integer'), col('amount', 'decimal(10,2)', 'decimal'), col('gone', 'varchar', 'text')],
      [col('new', 'varchar', 'text'), col('amount', 'decimal(12,2)', 'decimal'), col('id', 'integer', 'integer')],
    );
    expect(diff).toEqual({
      added: [{ name: 'new', type: 'varchar' }],
      removed: [{ name: 'gone', type: 'varchar' }],
      retyped: [{ name: 'amount', before: 'decimal(10,2)', after: 'decimal(12,2)' }],
    });
    expect(shared.map((c) => [c.name, c.retyped, c.numeric])).toEqual([['id', false, true], ['amount', true, true]]);
  });
});
