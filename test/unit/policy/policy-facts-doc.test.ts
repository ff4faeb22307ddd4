import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACTS_BY_KIND } from '../../../src/policy/facts/facts-by-kind.ts';
import { renderPolicyFactsDoc } from '../../../src/policy/facts/render-facts-doc.ts';

describe('docs/policy-facts.md', () => {
  it('is generated from the facts schemas and up to date (node scripts/write-policy-facts-doc.ts)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'policy-facts.md'), 'utf8');
    expect(committed).toBe(renderPolicyFactsDoc());
  });

  it('has a valid example for every kind', () => {
    for (const { schema, example } of Object.values(FACTS_BY_KIND)) expect(schema.safeParse(example).success).toBe(true);
  });
});
