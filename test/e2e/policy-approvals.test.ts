import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FACTS_FILE } from '../fakes/in-memory-engine.ts';
import { startHarness, type Harness } from './harness.ts';
import { REPO_FILES } from './repo-fixture.ts';

const OWNERS = 'acme/analytics-owners';

function breakingFacts(models: string[]): string {
  return JSON.stringify({
    models: models.map((name) => ({ name, change: 'modified', category: 'breaking', owners: [OWNERS], downstream: ['marts.daily_revenue'] })),
  });
}

const policyChecks = (h: Harness, sha: string) => [...h.github.state.checkRuns.values()].filter((r) => r.name === 'sluice/policy' && r.head_sha === sha);

describe('policies through the real app', { timeout: 180_000 }, () => {
  let h: Harness;
  const dirs: string[] = [];
  afterEach(async () => {
    expect(h.github.state.unexpected).toEqual([]);
    await h.stop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('require_approval: apply names the owners, the author cannot approve, an owner can, then apply runs', async () => {
    h = await startHarness({ files: REPO_FILES });
    h.github.addTeamMember(OWNERS, 'olivia');
    const headSha = await h.origin.commit('dana/orders', {
      'analytics/models/orders.sql': 'select order_id, amount::int as amount from raw.orders\n',
      [`analytics/${FACTS_FILE}`]: breakingFacts(['marts.orders']),
    });
    await h.openPull({ number: 1, author: 'dana', headSha, headRef: 'dana/orders' });
    await h.settle();
    expect(policyChecks(h, headSha)).toHaveLength(1);
    expect(h.github.checkRun('sluice/policy', headSha)).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '1 policy needs approval' } });
    const summary = h.github.summary(1)!;
    expect(summary).toContain('#### Policies');
    expect(summary).toMatch(/`sql-breaking-change-downstream` \| ⏳ needs approval \(0 of 1\) \| breaking change to marts\.orders/);
    expect(summary).toContain(`@${OWNERS}`);
    expect(summary).toContain('`sluice approve_policies -p analytics`');

    h.github.approve(1, 'priya', headSha);
    await h.comment(1, 'sluice apply', 'dana');
    await h.settle();
    expect(h.github.replies(1).at(-1)).toMatch(/\*\*policy\*\* \(`analytics`\): `sql-breaking-change-downstream` needs 1 more approval from @acme\/analytics-owners/);
    expect(h.engines.sql.applied).toEqual([]);

    await h.comment(1, 'sluice approve_policies', 'dana');
    await h.settle();
    expect(h.github.replies(1).at(-1)).toMatch(/@dana opened this pull request and cannot approve its policies/);
    await h.comment(1, 'sluice approve_policies', 'sam');
    await h.settle();
    expect(h.github.replies(1).at(-1)).toMatch(/@sam is not an owner/);
    expect(await h.store.listPolicyApprovals({ repo: 'acme/analytics', number: 1 })).toEqual([]);

    await h.comment(1, 'sluice approve_policies -p analytics --policy sql-breaking-change-downstream', 'olivia');
    await h.settle();
    expect(h.github.replies(1).at(-1)).toMatch(/@olivia approved `sql-breaking-change-downstream` on `analytics`/);
    expect(h.github.checkRun('sluice/policy', headSha)).toMatchObject({ conclusion: 'success' });
    expect(h.github.summary(1)).toMatch(/✅ approved \| breaking change to marts\.orders.*\| @olivia \|/);

    await h.comment(1, 'sluice apply', 'dana');
    await h.settle();
    expect(h.engines.sql.applied).toEqual(['1:analytics']);
  });

  it('approvals stick to the items: a re-plan keeps them, a new item asks again, and they can be withdrawn', async () => {
    h = await startHarness({ files: REPO_FILES });
    h.github.addTeamMember(OWNERS, 'olivia');
    const sha1 = await h.origin.commit('dana/orders', {
      'analytics/models/orders.sql': 'select 1 as order_id\n', [`analytics/${FACTS_FILE}`]: breakingFacts(['marts.orders']),
    });
    const pr = await h.openPull({ number: 2, author: 'dana', headSha: sha1, headRef: 'dana/orders' });
    await h.settle();
    await h.comment(2, 'sluice approve_policies', 'olivia');
    await h.settle();
    expect(h.github.checkRun('sluice/policy', sha1)?.conclusion).toBe('success');

    const same = await h.push(pr, { 'analytics/models/orders.sql': 'select 2 as order_id\n' });
    await h.settle();
    expect(h.github.checkRun('sluice/policy', same.headSha)?.conclusion).toBe('success');

    const wider = await h.push(same, { [`analytics/${FACTS_FILE}`]: breakingFacts(['marts.orders', 'marts.customers']) });
    await h.settle();
    expect(h.github.checkRun('sluice/policy', wider.headSha)?.conclusion).toBe('failure');
    await h.comment(2, 'sluice approve_policies', 'olivia');
    await h.settle();
    expect(h.github.checkRun('sluice/policy', wider.headSha)?.conclusion).toBe('success');

    await h.comment(2, 'sluice approve_policies --clear-policy-approval', 'olivia');
    await h.settle();
    expect(h.github.replies(2).at(-1)).toMatch(/@olivia withdrew 2 policy approvals/);
    expect(h.github.checkRun('sluice/policy', wider.headSha)?.conclusion).toBe('failure');
  });

  it('a deny blocks apply and cannot be approved', async () => {
    h = await startHarness({ files: REPO_FILES });
    h.github.addTeamMember(OWNERS, 'olivia');
    const headSha = await h.origin.commit('dana/tests', {
      'analytics/models/orders.sql': 'select 1 as order_id\n',
      [`analytics/${FACTS_FILE}`]: JSON.stringify({ models: [{ name: 'marts.orders', change: 'modified', category: 'non-breaking', failingTests: 2 }], failingTests: 2 }),
    });
    await h.openPull({ number: 3, author: 'dana', headSha, headRef: 'dana/tests' });
    await h.settle();
    expect(h.github.checkRun('sluice/policy', headSha)).toMatchObject({ conclusion: 'failure', output: { title: 'Denied by 1 policy' } });
    expect(h.github.summary(3)).toContain('⛔ denied by sql-failing-tests');
    h.github.approve(3, 'priya', headSha);
    await h.comment(3, 'sluice approve_policies', 'olivia');
    await h.settle();
    expect(h.github.replies(3).at(-1)).toMatch(/Nothing to approve/);
    await h.comment(3, 'sluice apply', 'dana');
    await h.settle();
    expect(h.github.replies(3).at(-1)).toMatch(/`sql-failing-tests` denies: data tests fail on the PR build in marts\.orders/);
    expect(h.engines.sql.applied).toEqual([]);
  });

  it('a pull request weakening a policy is judged by the default branch version, and told it applies after merge', async () => {
    const strict = [
      'version: 1', 'rules:', '  - id: orders-frozen', '    description: orders.sql is frozen', '    applies_to: { kinds: [sql] }',
      '    when: facts.files.exists(f, f == "models/orders.sql")', '    effect: deny', '    message: models/orders.sql is frozen', '',
    ].join('\n');
    h = await startHarness({ files: { ...REPO_FILES, '.sluice/policies/frozen.yaml': strict } });
    const headSha = await h.origin.commit('dana/weaken', {
      '.sluice/policies/frozen.yaml': strict.replace('facts.files.exists(f, f == "models/orders.sql")', 'false'),
      'analytics/models/orders.sql': 'select 1 as order_id\n',
    });
    await h.openPull({ number: 4, author: 'dana', headSha, headRef: 'dana/weaken' });
    await h.settle();
    const summary = h.github.summary(4)!;
    expect(summary).toContain('⛔ denied by orders-frozen');
    expect(summary).toMatch(/edits policy files \(`\.sluice\/policies\/frozen\.yaml`\).*applies after merge/);
    h.github.approve(4, 'priya', headSha);
    await h.comment(4, 'sluice apply', 'dana');
    await h.settle();
    expect(h.github.replies(4).at(-1)).toMatch(/`orders-frozen` denies: models\/orders\.sql is frozen/);
    expect(h.engines.sql.applied).toEqual([]);
  });

  it('fails closed on a broken server policy: the check fails with file, rule and error, and apply is blocked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-policies-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'broken.yaml'), 'version: 1\nrules:\n  - id: broken-rule\n    description: d\n    when: facts.models.exists(m,\n    effect: warn\n    message: m\n');
    h = await startHarness({ files: REPO_FILES, server: { policy_paths: [dir] } });
    const headSha = await h.origin.commit('dana/orders', { 'analytics/models/orders.sql': 'select 1 as order_id\n' });
    await h.openPull({ number: 5, author: 'dana', headSha, headRef: 'dana/orders' });
    await h.settle();
    const check = h.github.checkRun('sluice/policy', headSha);
    expect(check).toMatchObject({ conclusion: 'failure', output: { title: 'Policies could not be evaluated (1 error)' } });
    expect(check?.output?.summary).toMatch(/broken\.yaml:5 \(rule broken-rule\): when: /);
    h.github.approve(5, 'priya', headSha);
    await h.comment(5, 'sluice apply', 'dana');
    await h.settle();
    expect(h.github.replies(5).at(-1)).toMatch(/policy error: .*broken\.yaml/);
    expect(h.engines.sql.applied).toEqual([]);
  });
});
