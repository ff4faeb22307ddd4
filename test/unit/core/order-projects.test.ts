import { describe, expect, it } from 'vitest';
import { findCycles, orderProjects } from '../../../src/core/order-projects.ts';
import type { Project } from '../../../src/core/project.ts';

const project = (name: string, dependsOn: string[] = []): Project => ({
  name, kind: 'sql', dir: name, target: 'default', whenModified: ['**/*.sql'], autoplan: true, dependsOn,
  applyRequirements: [], automerge: false,
});

const names = (result: ReturnType<typeof orderProjects>): string[] | string => (result.ok ? result.value.map((p) => p.name) : result.message);

describe('orderProjects', () => {
  it('puts dependencies first and breaks ties by name', () => {
    const projects = [project('marts', ['staging']), project('zeta'), project('staging', ['raw']), project('raw'), project('alpha')];
    expect(names(orderProjects(projects))).toEqual(['alpha', 'raw', 'staging', 'marts', 'zeta']);
  });

  it('handles a diamond', () => {
    const projects = [project('d', ['b', 'c']), project('c', ['a']), project('b', ['a']), project('a')];
    expect(names(orderProjects(projects))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('ignores dependencies on projects that are not in the list', () => {
    expect(names(orderProjects([project('b', ['a', 'not-selected']), project('c')]))).toEqual(['b', 'c']);
  });

  it('fails with the cycle named in full', () => {
    const result = orderProjects([project('a', ['c']), project('b', ['a']), project('c', ['b']), project('d', ['a'])]);
    expect(result).toMatchObject({ ok: false, code: 'cycle', message: 'ordering projects: dependency cycle a → c → b → a' });
  });

  it('orders a long chain without recursion limits', () => {
    const chain = Array.from({ length: 5_000 }, (_, i) => project(`p${String(i).padStart(4, '0')}`, i === 0 ? [] : [`p${String(i - 1).padStart(4, '0')}`]));
    const result = orderProjects([...chain].reverse());
    expect(result.ok && result.value.map((p) => p.name)).toEqual(chain.map((p) => p.name));
  });
});

describe('findCycles', () => {
  it('finds one shortest cycle per strongly connected component, and self-loops', () => {
    const graph = new Map([
      ['a', ['b']], ['b', ['c', 'a']], ['c', ['a']],
      ['x', ['x']],
      ['y', ['z']], ['z', []],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b'], ['x']]);
  });
});
