/**
 * `apply` on a pull request (services/apply-pull-request.ts): refused up front, with every unmet requirement
 * in one reply and an audit entry, or the stored plans applied in `depends_on` order, stopping at the first
 * failure, and merged when automerge is on and nothing is left. Over in-memory fakes (service-kit.ts).
 */
import { describe, expect, it } from 'vitest';
import { command } from '../../../src/commands/command.ts';
import { failure } from '../../../src/core/outcome.ts';
import { applyPullRequest } from '../../../src/services/apply-pull-request.ts';
import { planPullRequest } from '../../../src/services/plan-pull-request.ts';
import { HEAD_SHA, serviceKit, shopFiles, type ServiceKitOptions, type ServiceKit } from '../../fakes/service-kit.ts';

/** The shop PR planned (staging, then marts which depends on it), with the code host's record cleared. */
async function planned(options: ServiceKitOptions = {}): Promise<ServiceKit> {
  const kit = await serviceKit(options);
  await planPullRequest(kit.deps, kit.session, { pr: kit.pr, actor: 'dana', signal: kit.signal });
  kit.host.calls.length = 0;
  kit.engine.calls.length = 0;
  return kit;
}
const apply = (kit: ServiceKit, cmd = command('apply'), actor = 'dana') =>
  applyPullRequest(kit.deps, kit.session, { pr: kit.pr, actor, command: cmd, signal: kit.signal });
const approvedBy = (user: string, commitId = HEAD_SHA) => ({ user, state: 'APPROVED' as const, commitId });

describe('apply refused before anything runs', () => {
  it('lists every unmet requirement in one reply, records the refusal and applies nothing', async () => {
    const kit = await planned({ server: { apply_requirements: ['approved', 'mergeable'] } });
    kit.host.reviews = [approvedBy('dana')]; // the author's own approval never counts
    kit.host.mergeability = { state: 'blocked', mergeableIgnoringSluice: false };

    const outcomes = await apply(kit);

    expect(outcomes).toEqual([]);
    expect(kit.engine.calls).toEqual([]);
    expect(kit.comments()).toEqual([[
      '**Nothing ran:** 2 requirements are not met yet.',
      '- ⏳ **approval**: no approval at the current head — any reviewer other than the author\n'
        + '- ⏳ **mergeable**: the pull request is not mergeable (conflicts, failing required checks or missing reviews)',
      'Once they are met, comment `sluice apply` again.',
    ].join('\n\n')]);
    const audit = await kit.store.listAudit(kit.pr);
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['apply_refused', 'dana']]);
    expect(audit[0]?.detail['unmet']).toEqual([
      { requirement: 'approved', detail: 'no approval at the current head', who: 'any reviewer other than the author' },
      { requirement: 'mergeable', detail: 'the pull request is not mergeable (conflicts, failing required checks or missing reviews)' },
    ]);
    expect((await kit.store.listPlans(kit.pr)).filter((p) => p.appliedAt !== undefined)).toEqual([]);
    expect(kit.checkRunsCreated()).toEqual([]);
  });

  it('an approval of an earlier commit does not count; one at the head from another reviewer does', async () => {
    const kit = await planned({ server: { apply_requirements: ['approved'] } });
    kit.host.reviews = [approvedBy('erin', 'c'.repeat(40))];

    expect(await apply(kit)).toEqual([]);
    expect(kit.comments()[0]).toContain('**approval**: no approval at the current head');

    kit.host.reviews = [approvedBy('erin')];
    expect((await apply(kit)).map((o) => o.status)).toEqual(['applied', 'applied']);
  });

  it('a plan of an older head is stale: apply asks for a new plan', async () => {
    const kit = await planned();
    kit.host.pullRequest = { ...kit.pr, headSha: 'c'.repeat(40) };

    const outcomes = await applyPullRequest(kit.deps, kit.session, { pr: kit.host.pullRequest, actor: 'dana', command: command('apply'), signal: kit.signal });

    expect(outcomes).toEqual([]);
    expect(kit.engine.calls).toEqual([]);
    expect(kit.comments()[0]).toContain('- ⏳ **plan out of date** (`staging`): the plan is for aaaaaaa, but the head is now ccccccc — plan');
    expect(kit.comments()[0]).toContain('- ⏳ **plan out of date** (`marts`): the plan is for aaaaaaa, but the head is now ccccccc — plan');
  });

  it('with no stored plan there is nothing to apply', async () => {
    const kit = await serviceKit();

    await apply(kit);

    expect(kit.comments()).toEqual([[
      '**Nothing ran:** a requirement is not met yet.',
      '- ⏳ **no plan**: there is no plan to apply in this pull request',
      'Once it is met, comment `sluice apply` again.',
    ].join('\n\n')]);
    expect(await kit.auditActions()).toEqual(['apply_refused']);
  });

  it('`apply -p nope` replies with the projects there are', async () => {
    const kit = await planned();

    await apply(kit, command('apply', { project: 'nope' }));

    expect(kit.comments()).toEqual(['⚠️ no project named `nope`; projects in this repository: `marts`, `staging`']);
    expect(kit.engine.calls).toEqual([]);
  });
});

describe('apply once the requirements hold', () => {
  it('applies the stored plans in depends_on order, each on its own check run, and marks them applied', async () => {
    const kit = await planned();

    const outcomes = await apply(kit);

    expect(outcomes.map((o) => `${o.project.name}: ${o.status}`)).toEqual(['staging: applied', 'marts: applied']);
    expect(kit.engine.calls).toEqual(['apply staging', 'apply marts']);
    expect(kit.checkRunsCreated()).toEqual(['sluice/apply: staging: queued', 'sluice/apply: marts: queued']);
    expect(kit.checkRunConclusions()).toEqual({ 'sluice/apply: staging': 'success', 'sluice/apply: marts': 'success' });
    expect((await kit.store.listPlans(kit.pr)).map((p) => `${p.project}: ${p.appliedAt ?? 'pending'}`).sort())
      .toEqual(['marts: 2025-03-14T10:00:00.000Z', 'staging: 2025-03-14T10:00:00.000Z']);
    expect(await kit.auditActions()).toEqual(['apply_started', 'apply_succeeded', 'apply_started', 'apply_succeeded']);
    expect(kit.statuses()).toEqual(['success: nothing left to apply']);
    expect(kit.host.calls.filter((c) => c.method === 'merge')).toEqual([]);
  });

  it('stops at the first project that fails: its dependents are not applied, the status fails', async () => {
    const kit = await planned({ script: { staging: { apply: failure('apply_failed', 'the target refused the change; production is unchanged') } } });

    const outcomes = await apply(kit);

    expect(outcomes.map((o) => [o.project.name, o.status, o.failure?.message])).toEqual([
      ['staging', 'apply-failed', 'applying staging: the target refused the change; production is unchanged'],
      ['marts', 'cancelled', undefined],
    ]);
    expect(kit.engine.calls).toEqual(['apply staging']);
    expect(kit.checkRunsCreated()).toEqual(['sluice/apply: staging: queued']);
    expect(kit.checkRunConclusions()).toEqual({ 'sluice/apply: staging': 'failure' });
    expect((await kit.store.listPlans(kit.pr)).filter((p) => p.appliedAt !== undefined)).toEqual([]);
    expect(await kit.auditActions()).toEqual(['apply_started', 'apply_failed']);
    expect(kit.statuses()).toEqual(['failure: staging failed']);
    expect(kit.summaries().at(-1)).toContain('applying staging: the target refused the change; production is unchanged');
  });

  it('`apply -p staging` applies staging only; marts stays planned and the status says so', async () => {
    const kit = await planned();

    const outcomes = await apply(kit, command('apply', { project: 'staging' }));

    expect(outcomes.map((o) => `${o.project.name}: ${o.status}`)).toEqual(['staging: applied']);
    expect(kit.engine.calls).toEqual(['apply staging']);
    expect(kit.statuses()).toEqual(['pending: 1 project(s) to apply: comment "sluice apply"']);
  });
});

describe('automerge', () => {
  it('merges the head once every project is applied, and records it', async () => {
    const kit = await planned({ server: { apply_requirements: [], automerge: true } });

    await apply(kit);

    expect(kit.host.calls.filter((c) => c.method === 'merge').map((c) => c.method === 'merge' && c.options)).toEqual([{ sha: HEAD_SHA, method: 'merge' }]);
    expect((await kit.auditActions()).at(-1)).toBe('automerged');
  });

  it('does not merge while a project is left to apply, after a failure, or with --auto-merge-disabled', async () => {
    const partly = await planned({ server: { apply_requirements: [], automerge: true } });
    await apply(partly, command('apply', { project: 'staging' }));

    const failed = await planned({ server: { apply_requirements: [], automerge: true }, script: { marts: { apply: failure('apply_failed', 'refused') } } });
    await apply(failed);

    const disabled = await planned({ server: { apply_requirements: [], automerge: true } });
    await apply(disabled, command('apply', { autoMergeDisabled: true }));

    for (const kit of [partly, failed, disabled]) {
      expect(kit.host.calls.filter((c) => c.method === 'merge')).toEqual([]);
      expect(await kit.auditActions()).not.toContain('automerged');
    }
    expect(partly.engine.calls).toEqual(['apply staging']);
    expect(disabled.engine.calls).toEqual(['apply staging', 'apply marts']);
  });
});

describe('apply when the configuration became invalid', () => {
  it('replies with the failure and applies nothing', async () => {
    const kit = await planned();
    const files = shopFiles();
    kit.workspace.setFiles(kit.pr, { ...files, head: { ...files.head, 'sluice.yaml': 'version: 2\n' } });

    await apply(kit);

    expect(kit.engine.calls).toEqual([]);
    expect(kit.comments()).toHaveLength(1);
    expect(kit.comments()[0]).toMatch(/^⚠️ reading sluice\.yaml: version/);
  });
});
