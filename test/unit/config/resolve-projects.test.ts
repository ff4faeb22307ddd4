import { describe, expect, it } from 'vitest';
import { parseLocatedRepoConfig } from '../../../src/config/load-repo-config.ts';
import { RepoConfig, ServerConfig } from '../../../src/config/schema.ts';
import type { Result } from '../../../src/core/outcome.ts';
import type { Project } from '../../../src/core/project.ts';
import { resolveProjects } from '../../../src/config/resolve-projects.ts';

const lines = (...ls: string[]): string => ls.join('\n') + '\n';

const server = ServerConfig.parse({
  targets: {
    default: { type: 'duckdb' },
    warehouse: { type: 'postgres' },
    prod: { type: 'terraform', workspace: 'prod' },
  },
  default_targets: { terraform: 'prod' },
  apply_requirements: ['approved', 'mergeable'],
  allowed_overrides: ['apply_requirements', 'automerge'],
});

const repo = (value: unknown): RepoConfig => RepoConfig.parse(value);

function value(result: Result<Project[]>): Project[] {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('resolveProjects', () => {
  it('resolves targets: the project, then the default for its kind, then `default`', () => {
    const repoConfig = repo({
      version: 1,
      projects: [
        { name: 'marts', kind: 'sql', target: 'warehouse' },
        { name: 'infra', kind: 'terraform', dir: 'envs/prod' },
        { name: 'ingest', kind: 'pipeline', dir: './ingest/' },
      ],
    });
    const projects = value(resolveProjects({ repoConfig, trustedRepoConfig: undefined, server, files: [] }));
    expect(projects.map((p) => [p.name, p.target, p.dir])).toEqual([
      ['marts', 'warehouse', '.'],
      ['infra', 'prod', 'envs/prod'],
      ['ingest', 'default', 'ingest'],
    ]);
  });

  it('defaults whenModified per kind and keeps the layout the PR declares', () => {
    const repoConfig = repo({
      version: 1,
      projects: [
        { name: 'a', kind: 'cdktf', dir: 'infra' },
        { name: 'b', kind: 'sql', autoplan: { enabled: false, when_modified: ['models/**'] }, depends_on: ['a'] },
      ],
    });
    const [a, b] = value(resolveProjects({ repoConfig, trustedRepoConfig: undefined, server, files: [] }));
    expect(a).toEqual({
      name: 'a', kind: 'cdktf', dir: 'infra', target: 'default',
      whenModified: ['**/*.ts', '**/*.js', '**/*.py', 'cdktf.json', 'package.json', 'package-lock.json', '**/*.tf.json'],
      autoplan: true, dependsOn: [], applyRequirements: ['approved', 'mergeable'], automerge: false,
    });
    expect(b).toMatchObject({ whenModified: ['models/**'], autoplan: false, dependsOn: ['a'] });
  });

  it('discovers projects when the PR has no sluice.yaml', () => {
    const projects = value(resolveProjects({
      repoConfig: undefined, trustedRepoConfig: undefined, server,
      files: ['envs/prod/main.tf', 'warehouse/models/orders.sql'],
    }));
    expect(projects.map((p) => [p.name, p.kind, p.target])).toEqual([['envs-prod', 'terraform', 'prod'], ['warehouse', 'sql', 'default']]);
  });

  it('fails with target_unknown, located at the project\'s target', () => {
    const parsed = parseLocatedRepoConfig(lines(
      'version: 1',
      'projects:',
      '  - name: marts',
      '    kind: sql',
      '    target: staging',
      '  - name: ok',
      '    kind: sql',
    ));
    if (!parsed.ok) throw new Error(parsed.message);
    const result = resolveProjects({
      repoConfig: parsed.value.config, trustedRepoConfig: undefined, server, files: [], locateRepoConfig: parsed.value.locate,
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'target_unknown',
      message: 'resolving project marts: its target "staging" is not defined in the server config',
      location: { file: 'sluice.yaml', line: 5, column: 13 },
      hint: 'Targets are defined in the server config; defined: default, warehouse, prod.',
    });
  });

  it('fails with target_unknown when the fallback target is missing, located at the project', () => {
    const parsed = parseLocatedRepoConfig(lines('version: 1', 'projects:', '  - name: marts', '    kind: sql'));
    if (!parsed.ok) throw new Error(parsed.message);
    const noDefault = ServerConfig.parse({ targets: { warehouse: { type: 'duckdb' } } });
    const result = resolveProjects({
      repoConfig: parsed.value.config, trustedRepoConfig: undefined, server: noDefault, files: [], locateRepoConfig: parsed.value.locate,
    });
    expect(result).toMatchObject({
      code: 'target_unknown',
      message: 'resolving project marts: the fallback target "default" is not defined in the server config',
      location: { file: 'sluice.yaml', line: 3, column: 5 },
    });
  });
});

describe('resolveProjects: apply settings come from trusted config only', () => {
  const layout = repo({ version: 1, projects: [{ name: 'marts', kind: 'sql' }, { name: 'infra', kind: 'terraform', dir: 'infra' }] });

  it('a PR that sets apply_requirements: [] does not relax the server\'s requirements', () => {
    const relaxing = repo({
      version: 1,
      apply_requirements: [],
      automerge: true,
      projects: [{ name: 'marts', kind: 'sql', apply_requirements: [], automerge: true }, { name: 'infra', kind: 'terraform', dir: 'infra' }],
    });
    const projects = value(resolveProjects({ repoConfig: relaxing, trustedRepoConfig: layout, server, files: [] }));
    for (const p of projects) {
      expect(p.applyRequirements).toEqual(['approved', 'mergeable']);
      expect(p.automerge).toBe(false);
    }
  });

  it('the default branch overrides where the server allows: the project entry, then its top level', () => {
    const trusted = repo({
      version: 1,
      apply_requirements: ['approved', 'mergeable', 'undiverged'],
      automerge: true,
      projects: [{ name: 'marts', kind: 'sql', apply_requirements: ['approved'] }],
    });
    const projects = value(resolveProjects({ repoConfig: layout, trustedRepoConfig: trusted, server, files: [] }));
    expect(projects.map((p) => [p.name, p.applyRequirements, p.automerge])).toEqual([
      ['marts', ['approved'], true],
      ['infra', ['approved', 'mergeable', 'undiverged'], true],
    ]);
  });

  it('the default branch cannot override what the server does not allow', () => {
    const strict = { ...server, allowed_overrides: [] };
    const trusted = repo({ version: 1, apply_requirements: [], automerge: true, projects: [] });
    const projects = value(resolveProjects({ repoConfig: layout, trustedRepoConfig: trusted, server: strict, files: [] }));
    expect(projects.map((p) => [p.applyRequirements, p.automerge])).toEqual([
      [['approved', 'mergeable'], false],
      [['approved', 'mergeable'], false],
    ]);
  });

  it('allowing one key does not allow the other', () => {
    const onlyAutomerge = { ...server, allowed_overrides: ['automerge' as const] };
    const trusted = repo({ version: 1, apply_requirements: [], automerge: true, projects: [] });
    const [marts] = value(resolveProjects({ repoConfig: layout, trustedRepoConfig: trusted, server: onlyAutomerge, files: [] }));
    expect(marts).toMatchObject({ applyRequirements: ['approved', 'mergeable'], automerge: true });
  });
});
