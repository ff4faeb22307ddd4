import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { terraformRunnerFor } from '../../../src/adapters/terraform/terraform-runner-for.ts';
import { isFailure } from '../../../src/core/outcome.ts';
import type { Plan, PlanBody } from '../../../src/core/plan.ts';
import type { Project } from '../../../src/core/project.ts';
import { TerraformFacts } from '../../../src/engines/terraform/schema.ts';
import { createTerraformEngine } from '../../../src/engines/terraform/terraform-engine.ts';
import type { EngineContext } from '../../../src/ports/project-engine.ts';
import { FIXTURE_DIR } from '../../unit/terraform/fixture-plans.ts';
import { renderSummaryComment } from '../../../src/render/render-summary-comment.ts';
import { expectGolden } from '../../golden-file.ts';
import { project as view, summary } from '../../unit/render/views.ts';
import { installReplayingFakeTerraform } from './replaying-fake-terraform.ts';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sluice-tf-engine-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const project: Project = { name: 'network', kind: 'terraform', dir: 'infra/network', target: 'aws', whenModified: [], autoplan: true, dependsOn: [], applyRequirements: [], automerge: false };

function context(overrides: Partial<EngineContext> = {}): EngineContext {
  return {
    project,
    target: { name: 'aws', type: 'terraform', workspace: 'default', env: ['AWS_PROFILE'], allow_local_apply: false },
    pr: { repo: 'acme/infra', number: 7 },
    headDir: join(dir, 'head'), baseDir: join(dir, 'base'), artifactDir: join(dir, 'artifacts'),
    signal: new AbortController().signal, extraArgs: [], progress: () => {},
    ...overrides,
  };
}

function writeModule(side: 'base' | 'head', files: Record<string, string>): void {
  const moduleDir = join(dir, side, project.dir);
  mkdirSync(moduleDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(moduleDir, name), text);
}

function asPlan(body: PlanBody): Plan {
  return { ...body, id: 'p1', pr: { repo: 'acme/infra', number: 7 }, project: 'network', target: 'aws', baseSha: 'b', headSha: 'h', configHash: 'c', createdAt: '2025-01-01T00:00:00Z' };
}

const BASE_TF = `
resource "aws_s3_bucket" "raw" {
  bucket = "acme-raw"
  tags = { owner = "platform" }
}
resource "aws_iam_role" "legacy" { name = "legacy" }
`;
const HEAD_TF = `
resource "aws_s3_bucket" "raw" {
  bucket = "acme-raw"
  tags = { owner = "data" }
}
`;
const VERSIONS_TF = (backend: string, aws: string): string => `
terraform {
  required_version = ">= 1.5"
  backend "${backend}" {
    bucket = "acme-state"
  }
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "${aws}"
    }
  }
}
`;
const BLOCKS_BASE_TF = `
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

data "aws_ami" "web" {
  most_recent = true
  owners      = ["amazon"]
}

locals {
  env = "prod"
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = "hunter2"
}

output "bucket" {
  value = "acme-raw"
}

resource "aws_s3_bucket" "raw" {
  bucket = "acme-raw"
}
`;
const BLOCKS_HEAD_TF = BLOCKS_BASE_TF
  .replace('region = "us-east-1"', 'region = "us-west-2"')
  .replace('most_recent = true', 'most_recent = false')
  .replace('env = "prod"', 'env = "staging"')
  .replace('default   = "hunter2"', 'default   = "Hunter3"')
  .replace('value = "acme-raw"', 'value = "acme-raw-v2"');
const HEAD_JSON = JSON.stringify({ resource: { aws_db_instance: { main: { engine: 'postgres', password: 'hunter2', lifecycle: { prevent_destroy: true } } } } });

describe('terraform engine without a binary: configuration diff', () => {
  const engine = createTerraformEngine({ runnerFor: () => undefined });

  it('compares the .tf and .tf.json files at base and head, resource by resource', async () => {
    writeModule('base', { 'main.tf': BASE_TF });
    writeModule('head', { 'main.tf': HEAD_TF, 'db.tf.json': HEAD_JSON });
    const body = await engine.plan(context());
    if (isFailure(body)) throw new Error(body.message);
    expect(body.summary).toEqual({ headline: 'Configuration diff (not state-aware): 1 to add, 1 to change, 1 to destroy.', add: 1, change: 1, destroy: 1 });
    expect(body.changes.map((c) => [c.action, c.address, c.risk])).toEqual([
      ['create', 'aws_db_instance.main', 'none'], ['delete', 'aws_iam_role.legacy', 'destructive'], ['update', 'aws_s3_bucket.raw', 'none'],
    ]);
    expect(body.changes[2]!.detail).toEqual(['# on infra/network/main.tf line 2', '~ tags.owner = "platform" -> "data"']);
    expect(body.changes[0]!.detail![0]).toBe('# in infra/network/db.tf.json');
    expect(body.changes[1]!.detail![0]).toBe('# was on infra/network/main.tf line 6');
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(TerraformFacts.parse(body.facts)).toMatchObject({ mode: 'config-diff', stateAware: false, resources: [{}, {}, { address: 'aws_s3_bucket.raw', tags: { owner: 'data' }, before: { tags: { owner: 'platform' } } }] });
  });

  it('compares providers, the terraform block, data sources, outputs, variables and locals, each at its line', async () => {
    writeModule('base', { 'main.tf': BLOCKS_BASE_TF, 'versions.tf': VERSIONS_TF('s3', '~> 5.0') });
    writeModule('head', { 'main.tf': BLOCKS_HEAD_TF, 'versions.tf': VERSIONS_TF('s3', '~> 6.0') });
    const body = await engine.plan(context());
    if (isFailure(body)) throw new Error(body.message);
    expect(body.summary.headline).toBe('Configuration diff (not state-aware): 0 to add, 0 to change, 0 to destroy; 1 data source, 1 provider, 1 terraform setting, 1 output, 1 variable, 1 local value changed.');
    expect(JSON.stringify(body)).not.toMatch(/hunter|Hunter/);
    const markdown = renderSummaryComment(summary([view('network', 'terraform', 'aws', { status: 'planned', plan: asPlan(body) })]));
    expectGolden('terraform-config-diff-blocks', markdown);
  });

  it('reports an HCL syntax error at its file and line', async () => {
    writeModule('base', { 'main.tf': BASE_TF });
    writeModule('head', { 'main.tf': 'resource "aws_s3_bucket" "raw" {\n  bucket = \n}\n' });
    const result = await engine.plan(context());
    expect(result).toMatchObject({ ok: false, code: 'config_invalid', location: { file: 'infra/network/main.tf', line: 2, column: 12 } });
  });

  it('treats a module missing at base as new', async () => {
    writeModule('head', { 'main.tf': HEAD_TF });
    const body = await engine.plan(context());
    expect(!isFailure(body) && body.summary.headline).toBe('Configuration diff (not state-aware): 1 to add, 0 to change, 0 to destroy.');
  });

  it('refuses apply, naming the binary to install', async () => {
    writeModule('base', { 'main.tf': BASE_TF });
    writeModule('head', { 'main.tf': HEAD_TF });
    const body = await engine.plan(context());
    if (isFailure(body)) throw new Error(body.message);
    const result = await engine.apply(context(), asPlan(body));
    expect(result).toMatchObject({ ok: false, code: 'apply_failed' });
    expect(isFailure(result) && result.hint).toContain('Install `terraform` or `tofu` on the Sluice server\'s PATH, or set `binary` in the target `aws`');
  });
});

describe('terraform engine with a binary (the replaying fake terraform)', () => {
  function setup(fixture = 'requires-replace') {
    writeModule('base', { 'main.tf': BASE_TF });
    writeModule('head', { 'main.tf': HEAD_TF, 'versions.tf': VERSIONS_TF('s3', '~> 5.0') });
    const fake = installReplayingFakeTerraform(join(dir, 'fake'), { showJson: join(FIXTURE_DIR, `${fixture}.json`) });
    const runnerFor = terraformRunnerFor({ serverEnv: { PATH: `${fake.bin}:/usr/bin:/bin`, HOME: dir, AWS_PROFILE: 'prod', GITHUB_TOKEN: 'ghs_x' } });
    return { fake, engine: createTerraformEngine({ runnerFor, lockTimeout: '2m' }) };
  }

  it('plans with init, plan -out and show -json, then applies exactly the saved plan file', async () => {
    const { fake, engine } = setup();
    const body = await engine.plan(context({ extraArgs: ['-target=test_instance.test'] }));
    if (isFailure(body)) throw new Error(body.message);
    expect(body.summary.headline).toBe('Plan: 1 to add, 0 to change, 1 to destroy.');
    expect(body.artifacts).toMatchObject({ mode: 'plan', binary: 'terraform', planFile: join(dir, 'artifacts', 'plan.tfplan'), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const applied = await engine.apply(context(), asPlan(body));
    expect(applied).toEqual({ summary: 'Apply complete! Resources: 1 added, 0 changed, 0 destroyed.', steps: ['test_instance.test: Creation complete after 0s [id=placeholder]'] });
    const calls = fake.calls();
    expect(calls.map((c) => c.argv[0])).toEqual(['init', 'plan', 'show', 'apply']);
    expect(calls[1]!.argv).toContain('-lock-timeout=2m');
    expect(calls[1]!.argv.at(-1)).toBe('-target=test_instance.test');
    expect(calls.every((c) => c.cwd === join(dir, 'head', project.dir) && c.env['AWS_PROFILE'] === 'prod' && c.env['GITHUB_TOKEN'] === undefined)).toBe(true);
  });

  it('refuses to apply when the plan file or the module at head changed', async () => {
    const { fake, engine } = setup();
    const body = await engine.plan(context());
    if (isFailure(body)) throw new Error(body.message);
    appendFileSync(join(dir, 'head', project.dir, 'main.tf'), '\n# pushed after the plan\n');
    expect(await engine.apply(context(), asPlan(body))).toMatchObject({ ok: false, code: 'plan_stale', message: expect.stringContaining('at head changed') });
    writeModule('head', { 'main.tf': HEAD_TF, 'versions.tf': VERSIONS_TF('s3', '~> 5.0') });
    appendFileSync(join(dir, 'artifacts', 'plan.tfplan'), 'tampered');
    expect(await engine.apply(context(), asPlan(body))).toMatchObject({ ok: false, code: 'plan_stale', message: expect.stringContaining('plan file changed') });
    expect(fake.calls().map((c) => c.argv[0])).not.toContain('apply');
  });

  it('fails an errored plan, and cleans up its artifacts', async () => {
    const { engine } = setup('plan-error');
    expect(await engine.plan(context())).toMatchObject({ ok: false, code: 'engine_failed', message: 'terraform plan errored: the plan is incomplete and cannot be applied' });
    await engine.cleanup(context());
    expect(existsSync(join(dir, 'artifacts'))).toBe(false);
  });

  it('fails clearly when the module folder is gone at head', async () => {
    const { fake, engine } = setup();
    rmSync(join(dir, 'head', project.dir), { recursive: true });
    expect(await engine.plan(context())).toMatchObject({ ok: false, code: 'engine_failed', message: expect.stringContaining('the module folder infra/network does not exist at head') });
    expect(fake.calls()).toEqual([]);
  });

  it('refuses a target of another type', async () => {
    const { engine } = setup();
    const result = await engine.plan(context({ target: { name: 'wh', type: 'duckdb', path: 'w.duckdb', allow_local_apply: true } }));
    expect(result).toMatchObject({ ok: false, code: 'target_unknown' });
  });
});
