import { describe, expect, it } from 'vitest';
import { parseLocatedRepoConfig, parseRepoConfig } from '../../../src/config/load-repo-config.ts';
import { formatProblem } from '../../../src/config/parse-yaml-located.ts';
import type { Result } from '../../../src/core/outcome.ts';

/** Joins lines so a test reads with its line numbers: the first argument is line 1. */
const lines = (...ls: string[]): string => ls.join('\n') + '\n';

/** The problems of a failed parse as `file:line:col: message`. */
function problemsOf(result: Result<unknown>): string[] {
  if (result.ok) throw new Error('expected the config to be invalid');
  expect(result.code).toBe('config_invalid');
  return (result.problems ?? []).map(formatProblem);
}

describe('parseRepoConfig', () => {
  it('parses a valid config and fills defaults', () => {
    const result = parseRepoConfig(lines(
      'version: 1',
      'projects:',
      '  - name: analytics',
      '    kind: sql',
      '    dir: warehouse',
      '  - name: infra',
      '    kind: cdktf',
      '    depends_on: [analytics]',
    ));
    expect(result).toEqual({
      ok: true,
      value: {
        version: 1,
        projects: [
          { name: 'analytics', kind: 'sql', dir: 'warehouse', autoplan: { enabled: true }, depends_on: [] },
          { name: 'infra', kind: 'cdktf', dir: '.', autoplan: { enabled: true }, depends_on: ['analytics'] },
        ],
      },
    });
  });

  it('locates a wrong value at the value and names the key path and the allowed values', () => {
    const result = parseRepoConfig(lines(
      'version: 1',
      'projects:',
      '  - name: a',
      '    kind: sql',
      '  - name: b',
      '    kind: sq',
    ));
    expect(problemsOf(result)).toEqual([
      'sluice.yaml:6:11: projects[1].kind: expected one of sql, pipeline, terraform, cdktf (got "sq")',
    ]);
    expect(result).toMatchObject({ message: 'reading sluice.yaml: projects[1].kind: expected one of sql, pipeline, terraform, cdktf (got "sq")' });
    expect(result).toMatchObject({ location: { file: 'sluice.yaml', line: 6, column: 11 } });
  });

  it('locates an unknown key at the key, suggesting the near miss or listing the allowed keys', () => {
    const result = parseRepoConfig(lines(
      'version: 1',
      'projects:',
      '  - name: a',
      '    kind: sql',
      '    depend_on: [b]',
      '    colour: blue',
    ), 'repo/sluice.yaml');
    expect(problemsOf(result)).toEqual([
      'repo/sluice.yaml:5:5: projects[0].depend_on: unknown key; did you mean depends_on?',
      'repo/sluice.yaml:6:5: projects[0].colour: unknown key (expected one of name, kind, dir, target, autoplan, depends_on, apply_requirements, automerge)',
    ]);
  });

  it('reports every problem, in file order, not only the first', () => {
    const result = parseRepoConfig(lines(
      'version: 2',
      'projects:',
      '  - kind: terraform',
      '    dir: /etc',
      '    autoplan:',
      '      enabled: maybe',
      '      when_modified: []',
    ));
    expect(problemsOf(result)).toEqual([
      'sluice.yaml:1:10: version: expected 1 (got 2)',
      'sluice.yaml:3:5: projects[0].name: is required',
      'sluice.yaml:4:10: projects[0].dir: must be a path inside the repository (no leading "/", no "..")',
      'sluice.yaml:6:16: projects[0].autoplan.enabled: expected true or false, got "maybe"',
      'sluice.yaml:7:22: projects[0].autoplan.when_modified: must have at least 1 item',
    ]);
    expect(result).toMatchObject({ message: 'reading sluice.yaml: 5 problems' });
  });

  it('points an empty value at its key and a wrong type at the value', () => {
    expect(problemsOf(parseRepoConfig(lines('version: 1', 'projects:', '  - name: a', '    kind:')))).toEqual([
      'sluice.yaml:4:5: projects[0].kind: expected one of sql, pipeline, terraform, cdktf (got nothing)',
    ]);
    expect(problemsOf(parseRepoConfig(lines('version: 1', 'projects: analytics')))).toEqual([
      'sluice.yaml:2:11: projects: expected a list, got "analytics"',
    ]);
  });

  it('rejects an empty file', () => {
    expect(problemsOf(parseRepoConfig(''))).toEqual(['sluice.yaml:1:1: top level: expected a mapping, got nothing']);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problemsOf(parseRepoConfig(lines('version: 1', 'version: 1')))).toEqual(['sluice.yaml:2:1: duplicate key "version"']);
    const broken = problemsOf(parseRepoConfig(lines('version: 1', 'projects: [', '  - name: a')));
    expect(broken.length).toBeGreaterThan(0);
    expect(broken[0]).toMatch(/^sluice\.yaml:\d+:\d+: /);
  });

  it('follows YAML aliases', () => {
    const result = parseRepoConfig(lines(
      'version: 1',
      'projects:',
      '  - name: a',
      '    kind: sql',
      '    autoplan: &plan { when_modified: ["**/*.sql"] }',
      '  - name: b',
      '    kind: sql',
      '    autoplan: *plan',
    ));
    expect(result.ok && result.value.projects[1]?.autoplan.when_modified).toEqual(['**/*.sql']);
  });
});

describe('parseRepoConfig: the project graph', () => {
  it('rejects a duplicate project name at the second one', () => {
    const result = parseRepoConfig(lines(
      'version: 1',
      'projects:',
      '  - { name: a, kind: sql }',
      '  - { name: a, kind: terraform, dir: infra }',
    ));
    expect(problemsOf(result)).toEqual(['sluice.yaml:4:13: projects[1].name: duplicate project name "a" (also projects[0])']);
  });

  it('rejects depends_on naming an unknown project, at the entry', () => {
    const result = parseRepoConfig(lines(
      'version: 1',
      'projects:',
      '  - name: a',
      '    kind: sql',
      '    depends_on:',
      '      - b',
      '      - c',
      '  - { name: b, kind: sql }',
    ));
    expect(problemsOf(result)).toEqual(['sluice.yaml:7:9: projects[0].depends_on[1]: unknown project "c" (projects: a, b)']);
  });

  it('names a dependency cycle in full', () => {
    const result = parseRepoConfig(lines(
      'version: 1',
      'projects:',
      '  - { name: a, kind: sql, depends_on: [b] }',
      '  - { name: b, kind: sql, depends_on: [c] }',
      '  - { name: c, kind: sql, depends_on: [a] }',
      '  - { name: d, kind: sql, depends_on: [a] }',
    ));
    expect(problemsOf(result)).toEqual(['sluice.yaml:3:40: projects[0].depends_on[0]: dependency cycle a → b → c → a']);
  });

  it('rejects a project that depends on itself', () => {
    const result = parseRepoConfig(lines('version: 1', 'projects:', '  - { name: a, kind: sql, depends_on: [a] }'));
    expect(problemsOf(result)).toEqual(['sluice.yaml:3:40: projects[0].depends_on[0]: dependency cycle a → a']);
  });
});

describe('parseLocatedRepoConfig', () => {
  it('keeps a locator for later checks', () => {
    const result = parseLocatedRepoConfig(lines('version: 1', 'projects:', '  - name: a', '    kind: sql', '    target: warehouse'));
    if (!result.ok) throw new Error(result.message);
    expect(result.value.locate(['projects', 0, 'target'])).toEqual({ file: 'sluice.yaml', line: 5, column: 13 });
    expect(result.value.locate(['projects', 0, 'target'], { at: 'key' })).toEqual({ file: 'sluice.yaml', line: 5, column: 5 });
    expect(result.value.locate(['projects', 0, 'missing'])).toEqual({ file: 'sluice.yaml', line: 3, column: 5 });
  });
});
