import { posix } from 'node:path';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileGlobs, createProjectDetector, detectProjects } from '../../../src/core/detect-projects.ts';
import { DEFAULT_WHEN_MODIFIED } from '../../../src/core/project.ts';
import type { Project, ProjectKind } from '../../../src/core/project.ts';

const project = (name: string, kind: ProjectKind, dir: string, whenModified = DEFAULT_WHEN_MODIFIED[kind]): Project => ({
  name, kind, dir, target: 'default', whenModified, autoplan: true, dependsOn: [], applyRequirements: [], automerge: false,
});

const projects = [
  project('root-tf', 'terraform', '.'),
  project('warehouse', 'sql', 'warehouse'),
  project('warehouse-2', 'sql', 'warehouse-2'),
  project('infra', 'cdktf', 'infra'),
  project('prod', 'terraform', 'envs/prod', ['**/*.tf', '../../modules/**/*.tf']),
];

const detected = (changed: string[]): string[] => detectProjects(projects, changed).map((p) => p.name);

describe('detectProjects', () => {
  it('selects the projects whose dir holds a changed file matching their globs', () => {
    expect(detected(['warehouse/models/orders.sql'])).toEqual(['warehouse']);
    expect(detected(['warehouse/README.md'])).toEqual([]);
    expect(detected(['infra/main.ts', 'warehouse-2/models/x.yml'])).toEqual(['warehouse-2', 'infra']);
  });

  it('matches globs relative to the dir, so a sibling with a shared prefix is not touched', () => {
    expect(detected(['warehouse-2/models/x.sql'])).toEqual(['warehouse-2']);
    expect(detected(['warehouse.sql'])).toEqual([]);
  });

  it('lets a root project see every file its globs match, and matches dot files', () => {
    expect(detected(['envs/prod/main.tf'])).toEqual(['root-tf', 'prod']);
    expect(detected(['.terraform.lock.hcl'])).toEqual(['root-tf']);
  });

  it('follows ../ globs out of the project dir', () => {
    expect(detected(['modules/vpc/main.tf'])).toEqual(['root-tf', 'prod']);
    expect(detected(['modules/vpc/README.md'])).toEqual([]);
  });

  it('keeps the order of the projects given, whatever the order of the files', () => {
    expect(detected(['infra/cdktf.json', './warehouse/a.sql'])).toEqual(['warehouse', 'infra']);
  });

  it('compiles once and can be reused', () => {
    const detect = createProjectDetector(projects);
    expect(detect(['infra/package.json']).map((p) => p.name)).toEqual(['infra']);
    expect(detect([]).map((p) => p.name)).toEqual([]);
  });
});

describe('compileGlobs', () => {
  const segment = fc.constantFrom('a', 'b.sql', '.hidden', 'x.tf.json', 'cdktf.json', 'models', 'main.tf', 'c.TS', 'd.ts', '.terraform.lock.hcl', 'package.json');
  const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((segs) => segs.join('/'));
  const globs = fc.array(
    fc.constantFrom(...DEFAULT_WHEN_MODIFIED.cdktf, ...DEFAULT_WHEN_MODIFIED.terraform, '**/*.sql', 'models/**', 'a/*.ts', '**/.hidden', 'a/main.tf'),
    { minLength: 1, maxLength: 5 },
  );

  it('agrees with picomatch (dot: true) on repository paths', () => {
    fc.assert(fc.property(globs, fc.array(path, { maxLength: 20 }), (gs, paths) => {
      const fast = compileGlobs(gs);
      const reference = picomatch(gs, { dot: true });
      for (const p of paths) expect(fast(p), `${p} against ${gs.join(', ')}`).toBe(reference(p));
    }), { numRuns: 300 });
  });
});

describe('detectProjects against a naive reference', () => {
  /** Every file against every project: the glob joined onto the project dir, matched from the repo root. */
  const naive = (ps: readonly Project[], files: readonly string[]): string[] =>
    ps.filter((p) => p.whenModified.some((g) => {
      const joined = posix.normalize(posix.join(p.dir, g));
      return !joined.startsWith('..') && files.some((f) => picomatch(joined, { dot: true })(f));
    })).map((p) => p.name);

  const dir = fc.array(fc.constantFrom('a', 'b', 'models', 'infra'), { maxLength: 3 }).map((s) => (s.length === 0 ? '.' : s.join('/')));
  const glob = fc.constantFrom('**/*.sql', '**/*.tf', 'cdktf.json', 'models/**', '../**/*.tf', '../../infra/*.tf', '*.md', 'b/**/x.sql', '**');
  const projectArb = fc.tuple(dir, fc.array(glob, { minLength: 1, maxLength: 3 }));
  const file = fc.tuple(fc.array(fc.constantFrom('a', 'b', 'models', 'infra', 'ab'), { maxLength: 4 }), fc.constantFrom('x.sql', 'main.tf', 'cdktf.json', 'README.md', '.env'))
    .map(([segs, name]) => [...segs, name].join('/'));

  it('selects exactly the projects a file-by-file, glob-by-glob check selects', () => {
    fc.assert(fc.property(fc.array(projectArb, { minLength: 1, maxLength: 8 }), fc.array(file, { maxLength: 12 }), (specs, files) => {
      const ps = specs.map(([d, gs], i) => project(`p${i}`, 'sql', d, gs));
      expect(detectProjects(ps, files).map((p) => p.name)).toEqual(naive(ps, files));
    }), { numRuns: 500 });
  });
});
