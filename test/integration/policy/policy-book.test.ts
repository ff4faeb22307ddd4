/** The server's policies are read once at boot; each distinct combination with a repository's policies is compiled once. */
import { describe, expect, it } from 'vitest';
import { createPolicyBook } from '../../../src/policy/policy-book.ts';
import { readServerPolicies } from '../../../src/policy/read-server-policies.ts';
import type { PolicyText } from '../../../src/policy/policy-types.ts';

const repoRule = (id: string): PolicyText => ({
  file: '.sluice/policies/team.yaml', origin: 'repo',
  text: `version: 1\nrules:\n  - id: ${id}\n    description: A team rule.\n    applies_to: { kinds: [sql] }\n    when: facts.models.filter(m, m.category == "breaking")\n    effect: warn\n    message: breaking\n`,
});

describe('the policy book', () => {
  const book = createPolicyBook(readServerPolicies([]));

  it('compiles the pack with a repository folder once, and answers the same set again', () => {
    const first = book.assemble([repoRule('team-rule')]);
    expect(first.errors).toEqual([]);
    expect(first.rules.map((r) => r.id)).toContain('team-rule');
    expect(book.assemble([repoRule('team-rule')])).toBe(first);
  });

  it('compiles another repository folder on its own, and the pack alone without it', () => {
    const other = book.assemble([repoRule('other-rule')]);
    expect(other.rules.map((r) => r.id)).toContain('other-rule');
    expect(other.rules.map((r) => r.id)).not.toContain('team-rule');
    expect(book.assemble([]).rules.map((r) => r.id)).not.toContain('other-rule');
  });

  it('keeps a server file that could not be read as an error in every set (fail closed)', () => {
    const broken = createPolicyBook([{ file: '/etc/sluice/policies.yaml', origin: 'server', readError: 'ENOENT' }]);
    expect(broken.assemble([]).errors.map((e) => e.file)).toEqual(['/etc/sluice/policies.yaml']);
  });
});
