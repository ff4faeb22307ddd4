/** Writes docs/policy-facts.md from the zod schemas of the policy facts: `node scripts/write-policy-facts-doc.ts`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPolicyFactsDoc } from '../src/policy/facts/render-facts-doc.ts';

const file = join(import.meta.dirname, '..', 'docs', 'policy-facts.md');
writeFileSync(file, renderPolicyFactsDoc());
console.log(`wrote ${file}`);
