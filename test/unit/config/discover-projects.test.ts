import { describe, expect, it } from 'vitest';
import { discoverProjects } from '../../../src/config/discover-projects.ts';

const summary = (files: string[]): string[] => discoverProjects(files).map((p) => `${p.name}: ${p.kind} @ ${p.dir}`);

describe('discoverProjects', () => {
  it('finds each kind by its marker files', () => {
    expect(summary([
      'README.md',
      'infra/cdktf.json',
      'infra/main.ts',
      'envs/prod/main.tf',
      'envs/prod/vars.tf.json',
      'warehouse/models/staging/stg_orders.sql',
      'warehouse/models/marts/orders.sql',
      'ingest/pipelines/orders.yaml',
    ])).toEqual([
      'envs-prod: terraform @ envs/prod',
      'infra: cdktf @ infra',
      'ingest: pipeline @ ingest',
      'warehouse: sql @ warehouse',
    ]);
  });

  it('gives root projects the name of their kind', () => {
    expect(summary(['main.tf', 'models/orders.sql', 'pipelines/load.yml'])).toEqual([
      'sql: sql @ .',
      'pipeline: pipeline @ .',
      'terraform: terraform @ .',
    ]);
  });

  it('does not treat Terraform inside a cdktf app, its output, provider caches or modules as projects', () => {
    expect(summary([
      'infra/cdktf.json',
      'infra/legacy/main.tf',
      'infra/cdktf.out/stacks/prod/cdk.tf.json',
      'envs/dev/.terraform/modules/vpc/main.tf',
      'envs/dev/main.tf',
      'modules/vpc/main.tf',
      'envs/dev/modules/db/main.tf',
      'node_modules/some-lib/models/x.sql',
    ])).toEqual(['envs-dev: terraform @ envs/dev', 'infra: cdktf @ infra']);
  });

  it('needs SQL under models/ and YAML directly in pipelines/', () => {
    expect(summary(['queries/adhoc.sql', 'pipelines/nested/x.yaml', 'pipelines/README.md'])).toEqual([]);
  });

  it('makes names unique: by kind first, then by number', () => {
    const projects = discoverProjects([
      'analytics/models/a.sql',
      'analytics/pipelines/p.yaml',
      'analytics-pipeline/main.tf',
      'x y/main.tf',
      'x+y/main.tf',
      'x-y/main.tf',
    ]);
    expect(projects.map((p) => [p.name, p.dir])).toEqual([
      ['analytics', 'analytics'],
      ['analytics-pipeline', 'analytics'],
      ['analytics-pipeline-terraform', 'analytics-pipeline'],
      ['x-y', 'x y'],
      ['x-y-terraform', 'x+y'],
      ['x-y-2', 'x-y'],
    ]);
    expect(new Set(projects.map((p) => p.name)).size).toBe(projects.length);
  });

  it('is deterministic whatever the order of the files', () => {
    const files = ['b/main.tf', 'a/models/x.sql', 'c/cdktf.json', 'a/pipelines/p.yaml', './d/main.tf'];
    expect(discoverProjects([...files].reverse())).toEqual(discoverProjects(files));
    expect(discoverProjects(files)[0]).toEqual({ name: 'a', kind: 'sql', dir: 'a', autoplan: { enabled: true }, depends_on: [] });
  });
});
