import { describe, expect, it } from 'vitest';
import { assemblePolicies } from '../../../src/policy/assemble-policies.ts';
import { evaluatePolicies, type PolicySubject } from '../../../src/policy/evaluate-policies.ts';
import type { PolicyText } from '../../../src/policy/policy-types.ts';

const server = (text: string, file = 'server.yaml'): PolicyText => ({ file, origin: 'server', text });
const repo = (text: string, file = '.sluice/policies/repo.yaml'): PolicyText => ({ file, origin: 'repo', text });

const rule = (fields: Record<string, string>) => [
  'version: 1', 'rules:', `  - id: ${fields['id'] ?? 'r1'}`, '    description: a rule',
  `    when: ${JSON.stringify(fields['when'] ?? 'true')}`, `    effect: ${fields['effect'] ?? 'warn'}`,
  ...(fields['owners'] ? [`    owners: ${fields['owners']}`] : []),
  ...(fields['owners_from'] ? [`    owners_from: ${fields['owners_from']}`] : []),
  ...(fields['count'] ? [`    count: ${fields['count']}`] : []),
  `    message: ${JSON.stringify(fields['message'] ?? 'found')}`, '',
].join('\n');

const sql = (facts: unknown, name = 'analytics'): PolicySubject => ({ name, kind: 'sql', target: 'prod', facts });

describe('loading policy files fails closed, with located errors', () => {
  it('a file that cannot be read, YAML syntax and schema errors name file and line', () => {
    const set = assemblePolicies([
      { file: '/etc/sluice/missing.yaml', origin: 'server', readError: 'ENOENT: no such file' },
      server('version: 1\nrules: [\n', 'syntax.yaml'),
      server('version: 1\nrules:\n  - id: r1\n    description: d\n    when: "true"\n    effect: block\n    message: m\n    colour: red\n', 'schema.yaml'),
    ]);
    expect(set.rules).toEqual([]);
    expect(set.errors.map((e) => `${e.file}:${e.location?.line ?? '-'} ${e.message}`)).toEqual([
      '/etc/sluice/missing.yaml:- reading /etc/sluice/missing.yaml: ENOENT: no such file',
      expect.stringMatching(/^syntax\.yaml:\d /),
      'schema.yaml:6 rules[0].effect: expected one of warn, require_approval, deny (got "block")',
      'schema.yaml:8 rules[0].colour: unknown key (expected one of id, description, applies_to, when, effect, owners, owners_from, count, message, params)',
    ]);
  });

  it('a CEL expression that does not compile names the file, rule, field and line', () => {
    const set = assemblePolicies([server(rule({ id: 'bad-when', when: 'facts.models.exists(m,' })), server(rule({ id: 'bad-message', message: '{{ nope.x }}' }), 'b.yaml')]);
    expect(set.rules).toEqual([]);
    expect(set.errors).toEqual([
      expect.objectContaining({ file: 'server.yaml', ruleId: 'bad-when', message: expect.stringMatching(/^when: /), location: expect.objectContaining({ line: 5 }) }),
      expect.objectContaining({ file: 'b.yaml', ruleId: 'bad-message', message: 'message: {{ nope.x }}: Unknown variable: nope' }),
    ]);
  });

  it('require_approval needs owners; owners on warn or deny are a mistake', () => {
    const set = assemblePolicies([server(rule({ effect: 'require_approval' })), server(rule({ id: 'r2', effect: 'deny', owners: '[priya]' }), 'b.yaml')]);
    expect(set.errors.map((e) => e.message)).toEqual([
      'rules[0].owners: require_approval needs owners or owners_from',
      'rules[0].owners: owners apply only to require_approval (this rule is deny)',
    ]);
  });

  it('rule ids are unique across files; a repo file may add rules but not roles or overrides', () => {
    const set = assemblePolicies([
      server(rule({ id: 'dup' })),
      repo(rule({ id: 'dup' })),
      repo('version: 1\nroles:\n  platform: [evil]\noverrides:\n  dup: { enabled: false }\n', '.sluice/policies/weaken.yaml'),
    ]);
    expect(set.rules.map((r) => r.id)).toEqual(['dup']);
    expect(set.errors.map((e) => `${e.file}: ${e.message}`)).toEqual([
      '.sluice/policies/weaken.yaml: roles: only the server\'s policy files may define roles',
      '.sluice/policies/weaken.yaml: overrides: only the server\'s policy files may define overrides',
      expect.stringMatching(/^\.sluice\/policies\/repo\.yaml: id: rule "dup" is already defined in server\.yaml/),
    ]);
  });

  it('server overrides disable or tune a rule; an override of an unknown rule is an error', () => {
    const set = assemblePolicies([
      { file: 'policies/pack.yaml', origin: 'pack', text: rule({ id: 'a' }) + rule({ id: 'b' }).replace('version: 1\nrules:\n', '') },
      server('version: 1\nroles:\n  platform: [acme/platform, priya]\noverrides:\n  a: { enabled: false }\n  b: { owners: [role:platform], count: 2 }\n  c: { enabled: false }\n'),
    ]);
    expect(set.rules.map((r) => r.id)).toEqual(['b']);
    expect(set.errors).toEqual([expect.objectContaining({ file: 'server.yaml', ruleId: 'c', message: 'overrides.c: no rule "c" to override' })]);
  });

  it('a role is replaced by its members; one without members, or not defined, stays as written (it matches nobody)', () => {
    const approval = (id: string, owners: string) => rule({ id, effect: 'require_approval', owners }).replace('version: 1\nrules:\n', '');
    const set = assemblePolicies([
      server(`version: 1\nroles:\n  platform: [acme/platform, priya]\n  privacy: []\nrules:\n${approval('a', '[role:platform]')}${approval('b', '[role:privacy]')}${approval('c', '[role:finance, ops]')}`),
    ]);
    expect(set.errors).toEqual([]);
    expect(set.rules.map((r) => [r.id, r.owners])).toEqual([['a', ['acme/platform', 'priya']], ['b', ['role:privacy']], ['c', ['role:finance', 'ops']]]);
  });
});

describe('evaluating rules fails closed', () => {
  it('an evaluation error, a when of another type or facts off their schema are errors, never passes', () => {
    const set = assemblePolicies([
      server(rule({ id: 'missing-key', when: 'facts.nope.size() > 0' })),
      server(rule({ id: 'wrong-type', when: '"yes"' }), 'b.yaml'),
    ]);
    const evaluation = evaluatePolicies(set, [sql({}), sql({ models: 'not a list' }, 'broken')]);
    expect(evaluation.violations).toEqual([]);
    expect(evaluation.errors).toEqual([
      { file: 'server.yaml', ruleId: 'missing-key', project: 'analytics', message: 'evaluating when: No such key: nope' },
      { file: 'b.yaml', ruleId: 'wrong-type', project: 'analytics', message: 'evaluating when: expected a bool or a list, got yes' },
      { file: '(plan facts)', project: 'broken', message: expect.stringContaining('the sql plan\'s facts do not match their schema (models:') },
    ]);
  });

  it('applies_to narrows by kind, project and target', () => {
    const text = 'version: 1\nrules:\n  - id: r\n    description: d\n    applies_to: { kinds: [sql], projects: [analytics], targets: [prod] }\n    when: "true"\n    effect: warn\n    message: m\n';
    const set = assemblePolicies([server(text)]);
    const subjects = [sql({}), sql({}, 'other'), { ...sql({}), target: 'dev' }, { ...sql({}), kind: 'pipeline' as const }];
    expect(evaluatePolicies(set, subjects).violations.map((v) => v.project)).toEqual(['analytics']);
  });

  it('interpolates messages with CEL over items, count and params, and gathers owners from facts', () => {
    const text = [
      'version: 1', 'rules:', '  - id: big', '    description: d', '    params: { limit: 2 }',
      '    when: facts.models.filter(m, size(m.downstream) > params.limit)', '    effect: require_approval', '    owners: [acme/platform]',
      '    owners_from: items.map(m, m.owners)', '    count: 2',
      '    message: "{{ count }} wide: {{ items.map(m, m.name) }} ({{ percent(0.125) }}, limit {{ params.limit }})"', '',
    ].join('\n');
    const facts = { models: [
      { name: 'a', change: 'modified', category: 'breaking', downstream: ['x', 'y', 'z'], owners: ['acme/a-team', 'acme/platform'] },
      { name: 'b', change: 'modified', category: 'breaking', downstream: ['x'], owners: ['nobody'] },
      { name: 'c', change: 'added', category: 'non-breaking', downstream: ['x', 'y', 'z', 'w'], owners: ['carol'] },
    ] };
    const [violation] = evaluatePolicies(assemblePolicies([server(text)]), [sql(facts)]).violations;
    expect(violation).toMatchObject({
      ruleId: 'big', effect: 'require_approval', count: 2, message: '2 wide: a, c (12.5%, limit 2)', owners: ['acme/platform', 'acme/a-team', 'carol'],
    });
    expect(violation?.items).toHaveLength(2);
  });

  it('item hashes depend on the rule, the project and the item, not on key order', () => {
    const text = rule({ id: 'any', when: 'facts.models' });
    const one = { name: 'a', change: 'modified', category: 'breaking' };
    const reordered = { category: 'breaking', change: 'modified', name: 'a' };
    const set = assemblePolicies([server(text)]);
    const first = evaluatePolicies(set, [sql({ models: [one] })]).violations[0]?.items;
    expect(evaluatePolicies(set, [sql({ models: [reordered] })]).violations[0]?.items).toEqual(first);
    expect(evaluatePolicies(set, [sql({ models: [{ ...one, name: 'b' }] })]).violations[0]?.items).not.toEqual(first);
    expect(evaluatePolicies(set, [sql({ models: [one] }, 'other')]).violations[0]?.items).not.toEqual(first);
  });
});
