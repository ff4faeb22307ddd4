import { describe, expect, it } from 'vitest';
import { canonicalJson, configHash, hashConfig } from '../../../src/config/config-hash.ts';
import { ServerConfig } from '../../../src/config/schema.ts';
import type { Project } from '../../../src/core/project.ts';

const server = ServerConfig.parse({
  targets: { warehouse: { type: 'duckdb', path: 'w.duckdb' }, infra: { type: 'terraform', workspace: 'prod' } },
});

const project = (name: string, target = 'warehouse'): Project => ({
  name, kind: 'sql', dir: name, target, whenModified: ['**/*.sql'], autoplan: true, dependsOn: [],
  applyRequirements: ['approved'], automerge: false,
});

describe('configHash', () => {
  it('is a sha256 hex digest that does not depend on project order or key order', () => {
    const a = hashConfig([project('a'), project('b')], server);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hashConfig([project('b'), project('a')], server)).toBe(a);
    const reordered = Object.fromEntries(Object.entries(project('a')).reverse()) as Project;
    expect(hashConfig([reordered, project('b')], server)).toBe(a);
    expect(configHash({ projects: [project('a'), project('b')], server })).toBe(a);
  });

  it('changes when a project or the definition of a target it uses changes', () => {
    const base = hashConfig([project('a')], server);
    expect(hashConfig([{ ...project('a'), applyRequirements: [] }], server)).not.toBe(base);
    const moved = ServerConfig.parse({ targets: { ...server.targets, warehouse: { type: 'duckdb', path: 'other.duckdb' } } });
    expect(hashConfig([project('a')], moved)).not.toBe(base);
  });

  it('ignores server settings the plan does not depend on', () => {
    const base = hashConfig([project('a')], server);
    expect(hashConfig([project('a')], { ...server, concurrency: 16 })).toBe(base);
    const otherTarget = { ...server, targets: { ...server.targets, infra: { ...server.targets['infra'], workspace: 'dev' } as ServerConfig['targets'][string] } };
    expect(hashConfig([project('a')], otherTarget)).toBe(base);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and leaves arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe('{"a":{"d":[2,1]},"b":1}');
  });
});
