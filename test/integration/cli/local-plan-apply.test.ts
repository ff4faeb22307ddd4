import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterEach, describe, expect, it } from 'vitest';
import { plainTerminal } from '../../../src/cli/cli-io.ts';
import { apply, plan, type LocalCommandDeps } from '../../../src/cli/plan.ts';
import { test as runTests } from '../../../src/cli/test-command.ts';
import { validate } from '../../../src/cli/validate.ts';
import { defaultEngines } from '../../../src/main/default-engines.ts';
import { systemClock } from '../../../src/ports/clock.ts';
import { SUMMARY_MARKER } from '../../../src/render/render-summary-comment.ts';

const SERVER = `targets:
  default: { type: duckdb, path: warehouse.duckdb, allow_local_apply: true }
  prod: { type: duckdb, path: prod.duckdb, allow_local_apply: false }
`;
const SLUICE_YAML = `version: 1
projects:
  - name: jobs
    kind: pipeline
    dir: jobs
  - name: prod-jobs
    kind: pipeline
    dir: prod-jobs
    target: prod
`;
const pipeline = (name: string, cron = '0 3 * * *') => `name: ${name}\nowner: "@acme/data"\nschedule:\n  cron: "${cron}"\n`;

type Fixture = { dir: string; env: NodeJS.ProcessEnv };

async function fixture(dirs: string[]): Promise<Fixture> {
  const base = mkdtempSync(join(tmpdir(), 'sluice-local-'));
  dirs.push(base);
  const dir = join(base, 'repo');
  mkdirSync(dir);
  writeFileSync(join(base, 'server.yaml'), SERVER);
  write(dir, { 'sluice.yaml': SLUICE_YAML, 'jobs/pipelines/nightly.yaml': pipeline('nightly'), 'prod-jobs/pipelines/hourly.yaml': pipeline('hourly', '0 * * * *') });
  const git = simpleGit(dir);
  await git.init(['-b', 'main']);
  await git.addConfig('user.name', 'Test').addConfig('user.email', 'test@example.com');
  await git.add('.').commit('initial');
  return { dir, env: { PATH: process.env['PATH'], HOME: process.env['HOME'], SLUICE_CONFIG: join(base, 'server.yaml') } };
}

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

function deps(f: Fixture) {
  const captured = { out: '', err: '' };
  const d: LocalCommandDeps = {
    cwd: f.dir, env: f.env, terminal: plainTerminal(), clock: systemClock,
    io: { out: (s) => void (captured.out += s), err: (s) => void (captured.err += s) },
    engines: (ctx) => defaultEngines({ dataDir: ctx.dataDir, env: f.env, clock: systemClock }),
  };
  return { d, captured };
}

async function sluice(f: Fixture, command: 'plan' | 'apply' | 'test', args: string[] = []) {
  const { d, captured } = deps(f);
  const code = await (command === 'plan' ? plan : command === 'apply' ? apply : runTests)(args, d);
  return { code, ...captured };
}

describe('sluice plan and apply on a local checkout', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('exits 0 when the working tree matches the base', async () => {
    const f = await fixture(dirs);
    const { code, out } = await sluice(f, 'plan');
    expect(code).toBe(0);
    expect(out).toContain('nothing to plan');
  });

  it('exits 2 on uncommitted changes and prints the plan data as JSON', async () => {
    const f = await fixture(dirs);
    write(f.dir, { 'jobs/pipelines/weekly.yaml': pipeline('weekly', '0 4 * * 1') });
    const { code, out } = await sluice(f, 'plan', ['--format', 'json']);
    expect(code).toBe(2);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ version: 1, hasChanges: true, base: { ref: 'main' }, head: { dirty: true, workingTreeHash: expect.any(String) } });
    expect(json.base.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(json.projects).toHaveLength(1);
    expect(json.projects[0]).toMatchObject({ name: 'jobs', kind: 'pipeline', target: 'default', status: 'planned' });
    expect(json.projects[0].plan.summary.add).toBeGreaterThan(0);
    expect(json.projects[0].plan.changes.map((c: any) => c.address).join(' ')).toContain('weekly');
  });

  it('renders exactly the PR comment with --format markdown', async () => {
    const f = await fixture(dirs);
    write(f.dir, { 'jobs/pipelines/weekly.yaml': pipeline('weekly', '0 4 * * 1') });
    const { code, out } = await sluice(f, 'plan', ['--format', 'markdown']);
    expect(code).toBe(2);
    expect(out.startsWith(SUMMARY_MARKER)).toBe(true);
    expect(out).toContain('| `jobs` | pipeline |');
  });

  it('exits 1 when a project fails to plan, with the error located', async () => {
    const f = await fixture(dirs);
    write(f.dir, { 'jobs/pipelines/nightly.yaml': pipeline('nightly', '0 3 * *') });
    const { code, out } = await sluice(f, 'plan');
    expect(code).toBe(1);
    expect(out).toContain('jobs/pipelines/nightly.yaml:4:');
  });

  it('exits 1 on an invalid sluice.yaml and on an unknown project', async () => {
    const f = await fixture(dirs);
    expect((await sluice(f, 'plan', ['-p', 'nope'])).err).toContain('unknown project nope');
    write(f.dir, { 'sluice.yaml': 'version: 1\nprojects:\n  - name: jobs\n    kind: pipelines\n' });
    const { code, err } = await sluice(f, 'plan');
    expect(code).toBe(1);
    expect(err).toContain('sluice.yaml:4:11');
  });

  it('applies to a target that allows local applies; the next plan has no changes', async () => {
    const f = await fixture(dirs);
    // With runbooks: the default policy pack denies pipelines without one (pipeline-runbook-missing).
    const runbook = 'runbook: runbooks/jobs.md\n';
    write(f.dir, { 'runbooks/jobs.md': '# jobs\n', 'jobs/pipelines/nightly.yaml': `${pipeline('nightly')}${runbook}`, 'jobs/pipelines/weekly.yaml': `${pipeline('weekly', '0 4 * * 1')}${runbook}` });
    expect((await sluice(f, 'plan', ['-p', 'jobs'])).code).toBe(2);
    const applied = await sluice(f, 'apply');
    expect(applied.code).toBe(0);
    expect(applied.out).toMatch(/applied: 2 pipelines deployed/);
    expect((await sluice(f, 'apply')).out).toContain('Nothing to apply');
    expect((await sluice(f, 'plan', ['-p', 'jobs'])).code).toBe(0);
  });

  it('refuses to apply to a protected target, with a clear message', async () => {
    const f = await fixture(dirs);
    write(f.dir, { 'prod-jobs/pipelines/daily.yaml': pipeline('daily') });
    expect((await sluice(f, 'plan')).code).toBe(2);
    const { code, out } = await sluice(f, 'apply', ['-p', 'prod-jobs']);
    expect(code).toBe(1);
    expect(out).toContain('target `prod` does not allow local applies (allow_local_apply: false)');
    expect(out).toContain('Apply it through a pull request');
  });

  it('refuses a plan made before the working tree changed', async () => {
    const f = await fixture(dirs);
    write(f.dir, { 'jobs/pipelines/weekly.yaml': pipeline('weekly', '0 4 * * 1') });
    expect((await sluice(f, 'plan')).code).toBe(2);
    write(f.dir, { 'jobs/pipelines/weekly.yaml': pipeline('weekly', '0 5 * * 1') });
    const { code, err } = await sluice(f, 'apply');
    expect(code).toBe(1);
    expect(err).toContain('the plan is stale: the working tree changed since it was made');
  });

  it('says there is nothing to apply before any plan', async () => {
    const f = await fixture(dirs);
    const { code, err } = await sluice(f, 'apply');
    expect(code).toBe(1);
    expect(err).toContain('there is no plan to apply');
  });

  it('sluice test reports no SQL project to test', async () => {
    const f = await fixture(dirs);
    const { code, out } = await sluice(f, 'test');
    expect(code).toBe(0);
    expect(out).toContain('nothing to test');
  });
});

describe('sluice validate on models and pipelines', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('locates a pipeline problem and a model metadata problem, and exits 1', async () => {
    const f = await fixture(dirs);
    write(f.dir, {
      'sluice.yaml': `${SLUICE_YAML}  - name: models\n    kind: sql\n    dir: models-project\n`,
      'jobs/pipelines/nightly.yaml': `${pipeline('nightly')}runbook: runbooks/missing.md\n`,
      'models-project/models/marts/orders.sql': 'select 1 as order_id, 2 as amount\n',
      'models-project/models/marts/orders.yaml': 'grain: [order_idd]\n',
    });
    let out = '';
    let err = '';
    const code = await validate({ dir: f.dir, env: f.env, io: { out: (s) => void (out += s), err: (s) => void (err += s) } });
    expect(code).toBe(1);
    expect(err).toContain('jobs/pipelines/nightly.yaml:5:10: runbook: runbook file "runbooks/missing.md" does not exist in the repo');
    expect(err).toMatch(/models-project\/models\/marts\/orders\.yaml:1:9: grain\[0\]: marts\.orders has no column "order_idd"/);
    expect(out).toContain('prod-jobs: ok');
    expect(out).toMatch(/policies: ok \(\d+ rule\(s\)\)/);
  });
});
