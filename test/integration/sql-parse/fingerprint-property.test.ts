import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlParser } from '../../../src/engines/sql/parse/sql-parser.ts';
import type { SqlParser } from '../../../src/engines/sql/parse/sql-parser.ts';
import { ORDERS_SQL } from './sql-project-helper.ts';

let parser: SqlParser;
beforeAll(async () => {
  parser = await createSqlParser();
});
afterAll(() => parser.close());

/** Whitespace and comments that may stand between two tokens. */
const gap = fc.constantFrom(' ', '  ', '\n', '\n\t', ' /* note */ ', ' -- note\n', '\r\n');

describe('fingerprints', () => {
  it('ignore any re-spacing and commenting between tokens', async () => {
    const tokens = ORDERS_SQL.trim().split(/\s+/);
    const [original] = await parser.parse([ORDERS_SQL]);
    if (original?.ok !== true) throw new Error('fixture does not parse');
    await fc.assert(fc.asyncProperty(fc.array(gap, { minLength: tokens.length, maxLength: tokens.length }), async (gaps) => {
      const text = tokens.map((t, i) => `${t}${gaps[i] ?? ' '}`).join('');
      const [parsed] = await parser.parse([text]);
      expect(parsed?.ok === true && parsed.fingerprint).toBe(original.fingerprint);
    }), { numRuns: 60 });
  });
});
