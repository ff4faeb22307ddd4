/**
 * The PR's sticky summary and its `sluice/apply` commit status (services/publish-summary.ts), from what a run
 * did and the plans stored for the PR; the check run body of one project; and the short replies.
 */
import { describe, expect, it } from 'vitest';
import { failure } from '../../../src/core/outcome.ts';
import type { Plan } from '../../../src/core/plan.ts';
import { DEFAULT_WHEN_MODIFIED, type Project } from '../../../src/core/project.ts';
import type { ProjectOutcome } from '../../../src/core/project-outcome.ts';
import { publishSummary, renderProjectCheckRun, replyWith } from '../../../src/services/publish-summary.ts';
import { planBodyOf, planOf } from '../../fakes/plan-payloads.ts';
import { BASE_SHA, HEAD_SHA, NOW, serviceKit, type ServiceKit, type ServiceKitOptions } from '../../fakes/service-kit.ts';

const project = (name: string): Project => ({
  name, kind: 'sql', dir: name, target: 'default', whenModified: DEFAULT_WHEN_MODIFIED.sql, autoplan: true, dependsOn: [], applyRequirements: [], automerge: false,
});
function planOfProject(name: string, changes = 1): Plan {
  const body = planBodyOf('sql', name, {
    summary: { headline: `${changes} to add, 0 to change, 0 to destroy`, add: changes, change: 0, destroy: 0 },
    changes: Array.from({ length: changes }, (_c, i) => ({ action: 'create', address: `${name}.table_${i}` })),
  });
  return planOf({ ...body, id: `acme/data#7:${name}`, pr: { repo: 'acme/data', number: 7 }, project: name, target: 'default', headSha: HEAD_SHA, baseSha: BASE_SHA, configHash: 'hash-1', createdAt: NOW.toISOString() });
}
const planned = (name: string): ProjectOutcome => ({ project: project(name), status: 'planned', plan: planOfProject(name) });
const publish = (kit: ServiceKit, outcomes: ProjectOutcome[], extra: { failure?: ReturnType<typeof failure>; plans?: Plan[] } = {}) =>
  publishSummary(kit.deps, kit.session, { pr: kit.pr, outcomes, command: 'plan', ...extra });
const statusCalls = (kit: ServiceKit) => kit.host.calls.flatMap((c) => (c.method === 'setCommitStatus' ? [{ repo: c.repo, sha: c.sha, ...c.status }] : []));
const kitFor = (options: ServiceKitOptions = {}) => serviceKit({ server: { apply_requirements: [], command: { name: 'databot' } }, ...options });

describe('the summary comment and the sluice/apply status', () => {
  it('planned projects: the summary lists them under the server\'s command name, the status is pending on the head', async () => {
    const kit = await kitFor();

    await publish(kit, [planned('staging'), planned('marts')], { plans: [] });

    const [summary, ...more] = kit.summaries();
    expect(more).toEqual([]);
    expect(summary?.startsWith('<!-- sluice:summary -->\n### Sluice plan for `aaaaaaa` · 2 projects · 🔒 locked by this PR')).toBe(true);
    expect(summary).toContain('| `staging` | sql | 1 to add, 0 to change, 0 to destroy |');
    expect(summary).toContain('**To apply all:** comment `databot apply` · one project: `databot apply -p staging`');
    expect(statusCalls(kit)).toEqual([
      { repo: 'acme/data', sha: HEAD_SHA, context: 'sluice/apply', state: 'pending', description: '2 project(s) to apply: comment "databot apply"' },
    ]);
    expect(await kit.store.getStickyCommentIds(kit.pr)).toEqual([1]);
  });

  it('a failed plan or apply fails the status, naming the projects', async () => {
    const kit = await kitFor();
    const failed: ProjectOutcome = { project: project('staging'), status: 'failed', failure: failure('engine_failed', 'planning staging: Binder Error') };
    const applyFailed: ProjectOutcome = { project: project('marts'), status: 'apply-failed', plan: planOfProject('marts'), failure: failure('apply_failed', 'applying marts: refused') };

    await publish(kit, [failed, applyFailed, planned('reports')], { plans: [] });

    expect(kit.statuses()).toEqual(['failure: staging, marts failed']);
    expect(kit.summaries()[0]).toContain('planning staging: Binder Error');
    expect(kit.summaries()[0]).toContain('**To retry the apply:** fix the cause, then comment `databot apply -p marts`');
  });

  it('nothing left to apply (applied, or no changes) is a success', async () => {
    const applied = await kitFor();
    const unchanged = await kitFor();

    await publish(applied, [{ project: project('staging'), status: 'applied', plan: planOfProject('staging'), applied: { summary: 'done', steps: [], durationMs: 5 } }], { plans: [] });
    await publish(unchanged, [{ project: project('staging'), status: 'no-changes', plan: planOfProject('staging', 0) }], { plans: [] });

    expect(applied.statuses()).toEqual(['success: nothing left to apply']);
    expect(applied.summaries()[0]).toContain('✅ **Every project with changes is applied.**');
    expect(unchanged.statuses()).toEqual(['success: nothing left to apply']);
    expect(unchanged.summaries()[0]).toContain('Nothing to apply: no project has changes.');
  });

  it('a project locked by another PR keeps the status pending', async () => {
    const kit = await kitFor();
    const held: ProjectOutcome = { project: project('staging'), status: 'locked-elsewhere', heldBy: { repo: 'acme/data', project: 'staging', target: 'default', pr: 3, user: 'lee', acquiredAt: '2025-03-14T09:00:00.000Z' } };

    await publish(kit, [held], { plans: [] });

    expect(kit.statuses()).toEqual(['pending: 1 project(s) to apply: comment "databot apply"']);
    expect(kit.summaries()[0]).toContain('🔒 `staging` is locked by #3 (planned 1 h ago by @lee)');
  });

  it('an invalid configuration replaces the summary with the failure, and the status is an error', async () => {
    const kit = await kitFor();

    await publish(kit, [], { failure: failure('config_invalid', 'reading sluice.yaml: version: expected 1', { location: { file: 'sluice.yaml', line: 1, column: 10 } }) });

    expect(kit.summaries()[0]).toMatch(/^<!-- sluice:summary -->\n### ❌ Sluice could not read its configuration\n\n\*\*❌ Nothing was planned\*\* at `sluice\.yaml:1:10`/);
    expect(kit.statuses()).toEqual(['error: the Sluice configuration is invalid; see the summary comment']);
  });

  it('shows the PR\'s stored plans of projects this run did not touch, read from the store', async () => {
    const kit = await kitFor();
    await kit.store.savePlans([planOfProject('marts'), planOfProject('reports', 0), planOfProject('staging')]);
    await kit.store.markApplied('acme/data#7:staging', NOW.toISOString());

    await publish(kit, [planned('marts')]);

    const summary = kit.summaries()[0];
    // One project is applied, so the summary reads as an apply summary.
    expect(summary).toContain('### Sluice apply for `aaaaaaa` · 3 projects · 🔒 locked by this PR');
    expect(summary).toContain('| `marts` | sql | 1 to add, 0 to change, 0 to destroy |');
    expect(summary).toContain('| `reports` | sql | no changes |');
    expect(summary).toContain('| `staging` | sql | ✅ applied |');
    expect(kit.statuses()).toEqual(['pending: 1 project(s) to apply: comment "databot apply"']);
  });

  it('lists the server\'s requirements while a project waits, with the approving teams', async () => {
    const kit = await kitFor({ server: { apply_requirements: ['approved'], approvers: ['acme/data-owners'] } });

    await publish(kit, [planned('staging')], { plans: [] });

    expect(kit.summaries()[0]).toContain('requirements: ⏳ an approval at the head commit from @acme/data-owners; checked on apply');
  });

  /** Each requirement is named by what it asks (it once read only "checked on apply" for all but approval). */
  it('names each unmet requirement in the summary (mergeable, undiverged)', async () => {
    const kit = await kitFor({ server: { apply_requirements: ['mergeable', 'undiverged'] } });

    await publish(kit, [planned('staging')], { plans: [] });

    expect(kit.summaries()[0]).toMatch(/requirements: ⏳ [^·]*mergeable[^·]* · ⏳ [^·]*(undiverged|up to date)/);
  });
});

describe('a project\'s check run', () => {
  it('a planned project offers Apply and Re-plan; a failed one only Re-plan, with the failure located', async () => {
    const kit = await kitFor();
    const failed: ProjectOutcome = {
      project: project('staging'), status: 'failed',
      failure: failure('engine_failed', 'planning staging: Parser Error', { location: { file: 'staging/orders.sql', line: 3, column: 7 } }),
    };

    const ok = renderProjectCheckRun(kit.deps, kit.pr, planned('marts'), 'plan');
    const bad = renderProjectCheckRun(kit.deps, kit.pr, failed, 'plan');

    expect(ok.conclusion).toBe('success');
    expect(ok.actions?.map((a) => a.identifier)).toEqual(['apply', 'plan']);
    expect(bad.conclusion).toBe('failure');
    expect(bad.actions?.map((a) => a.identifier)).toEqual(['plan']);
    expect(bad.annotations).toEqual([{ location: { file: 'staging/orders.sql', line: 3, column: 7 }, level: 'failure', title: 'Sluice', message: 'planning staging: Parser Error' }]);
  });

  it('an apply check run never offers Apply again', async () => {
    const kit = await kitFor();

    const run = renderProjectCheckRun(kit.deps, kit.pr, { project: project('marts'), status: 'applied', plan: planOfProject('marts'), applied: { summary: 'done', steps: [], durationMs: 1 } }, 'apply');

    expect(run.actions?.map((a) => a.identifier)).toEqual(['plan']);
    expect(run.conclusion).toBe('success');
  });
});

describe('replies', () => {
  it('a reply is one new comment, with commands under the server\'s name', async () => {
    const kit = await kitFor();

    await replyWith(kit.deps, kit.session, kit.pr, { kind: 'unlocked', projects: ['staging'] });

    expect(kit.comments()).toEqual(['🔓 Unlocked `staging` and discarded its plan. Comment `databot plan` to plan and lock again.']);
    expect(kit.summaries()).toEqual([]);
  });
});
