/** Policies in `sluice plan` and `sluice apply` on a temporary git repo, with the targets in real DuckDB files. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apply, plan } from '../../../src/cli/plan.ts';
import { SUMMARY_MARKER } from '../../../src/render/render-summary-comment.ts';
import { createLocalRepo, sluice, withDuckDb, write, type LocalRepo } from './local-repo-kit.ts';

const server = (outside: string) => `targets:
  default: { type: duckdb, path: warehouse.duckdb, allow_local_apply: true }
policy_paths: [${join(outside, 'server-policies')}]
`;
const ROLES = 'version: 1\nroles:\n  privacy: [acme/privacy]\n  data-platform: [acme/data-platform]\n';
const SLUICE_YAML = 'version: 1\nprojects:\n  - name: jobs\n    kind: pipeline\n    dir: jobs\n  - name: shop\n    kind: sql\n    dir: shop\n';
const RUNBOOK = 'runbook: runbooks/jobs.md\n';
const pipeline = (name: string, options: { cron?: string; runbook?: boolean } = {}) =>
  `name: ${name}\nowner: "@acme/data"\nschedule:\n  cron: "${options.cron ?? '0 3 * * *'}"\n${options.runbook === false ? '' : RUNBOOK}`;

/** A repository rule on main: no pipeline may run more than once a day. */
const NO_HOURLY = `version: 1
rules:
  - id: repo-no-hourly-jobs
    description: Pipelines run at most daily in this repository.
    applies_to: { kinds: [pipeline] }
    when: facts.pipelines.filter(p, p.change != "removed" && p.runsPerDay > 1.0)
    effect: deny
    message: >-
      {{ items.map(p, p.name).join(", ") }} runs more than once a day
`;

function createRepo(dirs: string[], files: Record<string, string> = {}): Promise<LocalRepo> {
  return createLocalRepo(dirs, {
    server,
    serverFiles: { 'server-policies/roles.yaml': ROLES },
    files: {
      'sluice.yaml': SLUICE_YAML, 'runbooks/jobs.md': '# Jobs\n', 'jobs/pipelines/nightly.yaml': pipeline('nightly'),
      'shop/models/marts/orders.sql': 'select 1 as order_id, 10.5 as amount\n', ...files,
    },
  });
}

/** The pipelines deployed to the default target (the registry apply writes). */
function deployedPipelines(repo: LocalRepo): Promise<string[]> {
  return withDuckDb(repo, 'warehouse.duckdb', async (w) => {
    if (!(await w.tableExists('_sluice', 'pipeline_versions'))) return [];
    return (await w.query('select distinct pipeline from _sluice.pipeline_versions order by pipeline')).map((r) => String(r['pipeline']));
  });
}

describe('policies in sluice plan and sluice apply', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('shows a default-pack deny in text, markdown and json, and sluice apply refuses the plan until it is fixed', async () => {
    const repo = await createRepo(dirs);
    write(repo.dir, { 'jobs/pipelines/weekly.yaml': pipeline('weekly', { cron: '0 4 * * 1', runbook: false }) });

    const text = await sluice(repo, plan);
    expect(text.code).toBe(2);
    expect(text.out).toContain('\nPolicies\n  ⛔ denied  jobs · pipeline-runbook-missing\n      no runbook: weekly; add `runbook:` to the pipeline config\n');
    expect(text.out).toContain('sluice apply refuses this plan while a policy denies it or fails.');
    expect(text.out).toMatch(/\n {2}PROJECT +KIND +TARGET +PLAN +TESTS +POLICY\n/);
    expect(text.out).toMatch(/\n {2}jobs +pipeline +[^\n]+ {2}⛔ denied by pipeline-runbook-missing\n/);

    const markdown = await sluice(repo, plan, ['--format', 'markdown']);
    expect(markdown.code).toBe(2);
    expect(markdown.out.startsWith(SUMMARY_MARKER)).toBe(true);
    expect(markdown.out).toMatch(/\| `jobs` \| pipeline \| [^\n]* \| ⛔ denied by pipeline-runbook-missing \| \[details\]\(#jobs\) \|/);
    expect(markdown.out).toContain('⏳ policies deny apply (see Policies)');
    expect(markdown.out).toContain('#### Policies');
    expect(markdown.out).toContain('| `jobs` | `pipeline-runbook-missing` | ⛔ denied | no runbook: weekly; add `runbook:` to the pipeline config | — | — |');

    const json = await sluice(repo, plan, ['--format', 'json']);
    expect(json.code).toBe(2);
    const { policies } = JSON.parse(json.out);
    expect(policies.violations).toEqual([expect.objectContaining({ project: 'jobs', ruleId: 'pipeline-runbook-missing', effect: 'deny', status: 'denied', file: 'policies/pipelines.yaml' })]);
    expect(policies.errors).toEqual([]);
    expect(policies.rulesChecked).toBe(3);
    expect(policies.applyRefused).toEqual({ jobs: ['`pipeline-runbook-missing` denies: no runbook: weekly; add `runbook:` to the pipeline config'] });

    const refused = await sluice(repo, apply);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('sluice: applying: policies refuse jobs (a deny, or a policy that fails to evaluate); nothing was applied');
    expect(refused.err).toContain('  jobs: `pipeline-runbook-missing` denies: no runbook: weekly');
    expect(refused.out).toBe('');
    expect(await deployedPipelines(repo)).toEqual([]);

    write(repo.dir, { 'jobs/pipelines/weekly.yaml': pipeline('weekly', { cron: '0 4 * * 1' }) });
    const fixed = await sluice(repo, plan);
    expect(fixed.code).toBe(2);
    expect(fixed.out).toContain('Policies\n  ✔ 3 policy checks passed.');
    expect((await sluice(repo, apply)).code).toBe(0);
    expect(await deployedPipelines(repo)).toEqual(['nightly', 'weekly']);
  });

  it('shows a rule that needs an approval as "would need approval from …", and a local apply goes ahead', async () => {
    const repo = await createRepo(dirs);
    write(repo.dir, {
      'shop/models/marts/customers.sql': "select 1 as customer_id, 'a@x.io' as email\n",
      'shop/models/marts/customers.yaml': 'columns:\n  email: { tags: [pii] }\n',
    });

    const text = await sluice(repo, plan, ['-p', 'shop']);
    expect(text.code).toBe(2);
    expect(text.out).toContain('  ⏳ would need approval from @acme/privacy  shop · sql-new-pii-column\n      newly exposed pii: marts.customers.email\n');
    expect(text.out).toContain('Approvals are given on the pull request (`sluice approve_policies` by a listed owner); a local apply does not wait for them.');
    expect(text.out).not.toContain('sluice apply refuses this plan');

    const markdown = await sluice(repo, plan, ['-p', 'shop', '--format', 'markdown']);
    expect(markdown.out).toMatch(/\| `shop` \| sql \| [^\n]* \| ⏳ needs @acme\/privacy \| \[details\]\(#shop\) \|/);
    expect(markdown.out).toContain('| `shop` | `sql-new-pii-column` | ⏳ needs approval (0 of 1) | newly exposed pii: marts.customers.email | @acme/privacy | — |');
    expect(markdown.out).toContain('⏳ policy approval (see Policies)');

    const json = await sluice(repo, plan, ['-p', 'shop', '--format', 'json']);
    const { policies } = JSON.parse(json.out);
    expect(policies.violations).toEqual([expect.objectContaining({ ruleId: 'sql-new-pii-column', status: 'pending', missing: 1, wouldNeedApprovalFrom: ['acme/privacy'] })]);
    expect(policies.applyRefused).toEqual({});

    const applied = await sluice(repo, apply);
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('Policies that do not hold up a local apply (a pull request would ask for the approvals):\n'
      + '  ⏳ would need approval from @acme/privacy  shop · sql-new-pii-column: newly exposed pii: marts.customers.email\n');
    const emails = await withDuckDb(repo, 'warehouse.duckdb', (w) => w.query('select email from marts.customers'));
    expect(emails).toEqual([{ email: 'a@x.io' }]);
  });

  it('says no one is configured for a role without members, whether the server defines it empty or not at all', async () => {
    const pii = { 'shop/models/marts/customers.sql': "select 1 as customer_id, 'a@x.io' as email\n", 'shop/models/marts/customers.yaml': 'columns:\n  email: { tags: [pii] }\n' };
    const emptyRole = await createLocalRepo(dirs, {
      server, serverFiles: { 'server-policies/roles.yaml': 'version: 1\nroles:\n  privacy: []\n' }, files: { 'sluice.yaml': SLUICE_YAML, 'runbooks/jobs.md': '# Jobs\n' },
    });
    const noRoles = await createLocalRepo(dirs, {
      server: () => 'targets:\n  default: { type: duckdb, path: warehouse.duckdb, allow_local_apply: true }\n', files: { 'sluice.yaml': SLUICE_YAML, 'runbooks/jobs.md': '# Jobs\n' },
    });
    for (const repo of [emptyRole, noRoles]) {
      write(repo.dir, pii);
      const text = await sluice(repo, plan, ['-p', 'shop']);
      expect(text.code).toBe(2);
      expect(text.out).toContain('  ⏳ would need approval from role:privacy (no one is configured for role privacy)  shop · sql-new-pii-column\n');
      expect(text.out).not.toContain('undefined');

      const applied = await sluice(repo, apply);
      expect(applied.code).toBe(0);
      expect(applied.out).toContain('  ⏳ would need approval from role:privacy (no one is configured for role privacy)  shop · sql-new-pii-column: newly exposed pii: marts.customers.email\n');
      expect(applied.out).not.toContain('undefined');
    }
  });

  it('judges by .sluice/policies at the base: a branch or working-tree edit that weakens a rule is reported, not honoured', async () => {
    const weakened = NO_HOURLY.replace(/when: .*/, 'when: "false"');
    const repo = await createRepo(dirs, { '.sluice/policies/schedules.yaml': NO_HOURLY });
    await repo.git.checkoutLocalBranch('relax');
    write(repo.dir, { 'jobs/pipelines/hourly.yaml': pipeline('hourly', { cron: '0 * * * *' }), '.sluice/policies/schedules.yaml': weakened });
    await repo.git.add('.').commit('hourly jobs, and a rule that allows them');

    const text = await sluice(repo, plan);
    expect(text.code).toBe(2);
    expect(text.out).toContain('  ⛔ denied  jobs · repo-no-hourly-jobs\n      hourly runs more than once a day\n');
    expect(text.out).toContain('ℹ The working tree edits policy files (.sluice/policies/schedules.yaml). This plan is judged by their version at the base main, '
      + 'as the pull request will be; the policy change itself applies after merge.');

    const markdown = await sluice(repo, plan, ['--format', 'markdown']);
    expect(markdown.out).toContain('| `jobs` | `repo-no-hourly-jobs` | ⛔ denied | hourly runs more than once a day | — | — |');
    expect(markdown.out).toContain('ℹ️ This pull request edits policy files (`.sluice/policies/schedules.yaml`). '
      + 'It is judged by the default branch\'s version of them; the policy change itself applies after merge.');

    const json = JSON.parse((await sluice(repo, plan, ['--format', 'json'])).out);
    expect(json.policies.changedPolicyFiles).toEqual(['.sluice/policies/schedules.yaml']);
    expect(json.policies.violations).toEqual([expect.objectContaining({ ruleId: 'repo-no-hourly-jobs', file: '.sluice/policies/schedules.yaml', status: 'denied' })]);

    const refused = await sluice(repo, apply);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('jobs: `repo-no-hourly-jobs` denies: hourly runs more than once a day');
    expect(await deployedPipelines(repo)).toEqual([]);

    // Deleting the rule in the working tree (uncommitted) does not lift it either.
    rmSync(join(repo.dir, '.sluice/policies/schedules.yaml'));
    expect((await sluice(repo, plan)).out).toContain('⛔ denied  jobs · repo-no-hourly-jobs');
    expect((await sluice(repo, apply)).code).toBe(1);
    await repo.git.checkout(['--', '.']);

    // Once the weaker rule is merged into main, and the branch is up to date with it, it is the one in force.
    await repo.git.checkout('main');
    write(repo.dir, { '.sluice/policies/schedules.yaml': weakened });
    await repo.git.add('.').commit('allow hourly jobs');
    await repo.git.checkout('relax');
    await repo.git.merge(['main', '--no-edit']);
    const merged = await sluice(repo, plan);
    expect(merged.code).toBe(2);
    expect(merged.out).not.toContain('repo-no-hourly-jobs');
    expect(merged.out).not.toContain('The working tree edits policy files');
    expect((await sluice(repo, apply)).code).toBe(0);
    expect(await deployedPipelines(repo)).toEqual(['hourly', 'nightly']);
  });

  it('fails closed: a broken policy file on the base is shown and blocks sluice apply', async () => {
    const broken = NO_HOURLY.replace(/when: .*/, 'when: facts.pipelines.filter(p, p.runsPerDay > limit)');
    const repo = await createRepo(dirs, { '.sluice/policies/schedules.yaml': broken });
    write(repo.dir, { 'jobs/pipelines/weekly.yaml': pipeline('weekly', { cron: '0 4 * * 1' }) });

    const text = await sluice(repo, plan);
    expect(text.code).toBe(2);
    expect(text.out).toContain('✗ Policies could not be evaluated: sluice apply is refused until this is fixed (fail closed).');
    expect(text.out).toMatch(/\n {4}\.sluice\/policies\/schedules\.yaml:6 \(rule repo-no-hourly-jobs\): when: .*limit/);

    const markdown = await sluice(repo, plan, ['--format', 'markdown']);
    expect(markdown.out).toContain('❌ **Policies could not be evaluated**: apply is blocked until this is fixed (fail closed).');
    expect(markdown.out).toContain('| ❌ policy error |');

    const json = JSON.parse((await sluice(repo, plan, ['--format', 'json'])).out);
    expect(json.policies.errors).toEqual([expect.objectContaining({ file: '.sluice/policies/schedules.yaml', ruleId: 'repo-no-hourly-jobs' })]);

    const refused = await sluice(repo, apply);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('sluice: applying: policies refuse jobs');
    expect(refused.err).toMatch(/jobs: policy error: \.sluice\/policies\/schedules\.yaml:6 \(rule repo-no-hourly-jobs\): when: /);
    expect(await deployedPipelines(repo)).toEqual([]);
  });
});
