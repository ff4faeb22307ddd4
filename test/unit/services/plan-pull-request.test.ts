/**
 * Planning a pull request (services/plan-pull-request.ts), as the PR sees it: the projects a push touches are
 * planned on their own check runs, in `depends_on` order, locked to the PR and stored bound to its commits;
 * the summary comment and the `sluice/apply` status say what is left. Over in-memory fakes (service-kit.ts).
 */
import { describe, expect, it } from 'vitest';
import { command } from '../../../src/commands/command.ts';
import { hashConfig } from '../../../src/config/config-hash.ts';
import { failure } from '../../../src/core/outcome.ts';
import { planPullRequest } from '../../../src/services/plan-pull-request.ts';
import { BASE_SHA, HEAD_SHA, NOW, serviceKit, shopFiles, type ServiceKit } from '../../fakes/service-kit.ts';

const autoplan = (kit: ServiceKit, options: { opened?: boolean } = {}) =>
  planPullRequest(kit.deps, kit.session, { pr: kit.pr, actor: 'dana', signal: kit.signal, ...options });
const comment = (kit: ServiceKit, cmd: ReturnType<typeof command>, actor = 'dana') =>
  planPullRequest(kit.deps, kit.session, { pr: kit.pr, actor, signal: kit.signal, command: cmd });

describe('autoplan when a pull request opens or is pushed', () => {
  it('plans the touched projects in depends_on order, one check run each, and posts the summary once', async () => {
    const kit = await serviceKit();

    const outcomes = await autoplan(kit, { opened: true });

    expect(outcomes.map((o) => `${o.project.name}: ${o.status}`)).toEqual(['staging: planned', 'marts: planned']);
    expect(kit.engine.calls).toEqual(['plan staging', 'plan marts']);
    expect(kit.checkRunsCreated()).toEqual(['sluice/plan: staging: queued', 'sluice/plan: marts: queued', 'sluice/policy: completed']);
    expect(kit.checkRunConclusions()).toEqual({ 'sluice/plan: staging': 'success', 'sluice/plan: marts': 'success', 'sluice/policy': 'success' });
    const [summary, ...more] = kit.summaries();
    expect(more).toEqual([]);
    expect(summary).toContain('### Sluice plan for `aaaaaaa` · 2 projects · 🔒 locked by this PR');
    expect(summary).toContain('| `staging` | sql | 1 to add, 0 to change, 0 to destroy |');
    expect(summary).toContain('| `marts` | sql | 1 to add, 0 to change, 0 to destroy |');
    expect(summary).toContain('**To apply all:** comment `sluice apply`');
    expect(kit.statuses()).toEqual(['pending: 2 project(s) to apply: comment "sluice apply"']);
    expect(kit.comments()).toEqual([]);
  });

  it('stores each plan bound to the head, the merge base and the config hash, and locks each project to the PR', async () => {
    const kit = await serviceKit();

    const outcomes = await autoplan(kit);

    const plans = await kit.store.listPlans(kit.pr);
    const configHash = hashConfig(outcomes.map((o) => o.project), kit.deps.server);
    expect(plans.map((p) => ({ project: p.project, headSha: p.headSha, baseSha: p.baseSha, configHash: p.configHash, createdAt: p.createdAt, applied: p.appliedAt })))
      .toEqual(['staging', 'marts'].map((project) => ({ project, headSha: HEAD_SHA, baseSha: BASE_SHA, configHash, createdAt: NOW.toISOString(), applied: undefined })));
    expect((await kit.store.listLocks('acme/data')).map((l) => `${l.project}@${l.target}: #${l.pr} by ${l.user}`))
      .toEqual(['marts@default: #7 by dana', 'staging@default: #7 by dana'].sort());
    expect(kit.engine.contexts.map((c) => c.artifactDir)).toEqual(['/artifacts/acme/data/pr-7/staging', '/artifacts/acme/data/pr-7/marts']);
  });

  it('a push re-plans: the stored plans are replaced by plans of the new head, one per project', async () => {
    const kit = await serviceKit();
    await autoplan(kit);
    const pushed = { ...kit.pr, headSha: 'c'.repeat(40) };
    kit.advance(60_000);

    await planPullRequest(kit.deps, kit.session, { pr: pushed, actor: 'dana', signal: kit.signal });

    const plans = await kit.store.listPlans(kit.pr);
    expect(plans.map((p) => `${p.project} @ ${p.headSha.slice(0, 7)}`).sort()).toEqual(['marts @ ccccccc', 'staging @ ccccccc']);
    expect(kit.summaries().at(-1)).toContain('### Sluice plan for `ccccccc`');
  });

  it('plans only the projects the push touches; an untouched project is left alone', async () => {
    const kit = await serviceKit({ files: shopFiles({ changed: ['marts'] }) });

    const outcomes = await autoplan(kit);

    expect(outcomes.map((o) => o.project.name)).toEqual(['marts']);
    expect(kit.engine.calls).toEqual(['plan marts']);
    expect(await kit.store.getLock({ repo: 'acme/data', project: 'staging', target: 'default' })).toBeUndefined();
  });

  it('skips projects with autoplan disabled, which an explicit `plan` still plans', async () => {
    const kit = await serviceKit({ files: shopFiles({ projects: [{ name: 'staging' }, { name: 'marts', autoplan: { enabled: false } }] }) });

    expect((await autoplan(kit)).map((o) => o.project.name)).toEqual(['staging']);
    // Without depends_on between them, projects plan in name order.
    expect((await comment(kit, command('plan'))).map((o) => o.project.name)).toEqual(['marts', 'staging']);
  });

  it('a project another PR holds is shown locked by it, and is neither planned nor stored', async () => {
    const kit = await serviceKit();
    await kit.store.acquireLock({ repo: 'acme/data', project: 'staging', target: 'default', pr: 3, user: 'lee', acquiredAt: '2025-03-14T08:00:00.000Z' });

    const outcomes = await autoplan(kit);

    expect(outcomes.map((o) => `${o.project.name}: ${o.status}`)).toEqual(['staging: locked-elsewhere', 'marts: planned']);
    expect(kit.engine.calls).toEqual(['plan marts']);
    expect((await kit.store.listPlans(kit.pr)).map((p) => p.project)).toEqual(['marts']);
    expect((await kit.store.getLock({ repo: 'acme/data', project: 'staging', target: 'default' }))?.pr).toBe(3);
    expect(kit.checkRunConclusions()['sluice/plan: staging']).toBe('failure');
    expect(kit.summaries()[0]).toContain('| `staging` | sql | 🔒 locked by #3 |');
    expect(kit.summaries()[0]).toContain('🔒 `staging` is locked by #3 (planned 2 h ago by @lee). Apply or close #3, or comment `sluice unlock` there.');
  });

  it('a failed plan fails its check run and the status, is not stored, and does not stop the others', async () => {
    const kit = await serviceKit({ script: { staging: { plan: failure('engine_failed', 'building staging.orders: Binder Error: column amount not found') } } });

    await autoplan(kit);

    expect(kit.engine.calls).toEqual(['plan staging', 'plan marts']);
    expect(kit.checkRunConclusions()).toMatchObject({ 'sluice/plan: staging': 'failure', 'sluice/plan: marts': 'success' });
    expect((await kit.store.listPlans(kit.pr)).map((p) => p.project)).toEqual(['marts']);
    expect(kit.summaries()[0]).toContain('planning staging: building staging.orders: Binder Error: column amount not found');
    expect(kit.statuses()).toEqual(['failure: staging failed']);
  });

  it('an invalid sluice.yaml puts the located failure in the summary, sets the status to error, and plans nothing', async () => {
    const files = shopFiles();
    const kit = await serviceKit({ files: { ...files, head: { ...files.head, 'sluice.yaml': 'version: 1\nprojects:\n  - name: staging\n    kind: sqll\n' } } });

    const outcomes = await autoplan(kit, { opened: true });

    expect(outcomes).toEqual([]);
    expect(kit.engine.calls).toEqual([]);
    expect(kit.checkRunsCreated()).toEqual([]);
    const [summary] = kit.summaries();
    expect(summary).toContain('### ❌ Sluice could not read its configuration');
    expect(summary).toContain('**❌ Nothing was planned** at `sluice.yaml:4:11`');
    expect(summary).toContain('projects[0].kind: expected one of sql, pipeline, terraform, cdktf (got "sqll")');
    expect(kit.statuses()).toEqual(['error: the Sluice configuration is invalid; see the summary comment']);
    expect(await kit.store.listLocks('acme/data')).toEqual([]);
  });

  it('a push touching no project says nothing at all', async () => {
    const files = shopFiles({ changed: [] });
    const kit = await serviceKit({ files: { ...files, head: { ...files.head, 'README.md': '# shop' } } });

    expect(await autoplan(kit)).toEqual([]);
    expect(kit.host.calls).toEqual([]);
  });
});

describe('the `plan` command', () => {
  it('with nothing touched replies that no projects are affected', async () => {
    const kit = await serviceKit({ files: shopFiles({ changed: [] }) });

    await comment(kit, command('plan'));

    expect(kit.comments()).toEqual(['No projects are affected by the changes in this pull request, so nothing was planned.']);
    expect(kit.summaries()).toEqual([]);
  });

  it('`plan -p staging` plans staging (touched or not) and keeps the other project\'s stored plan', async () => {
    const kit = await serviceKit({ files: shopFiles({ changed: ['marts'] }) });
    await autoplan(kit);
    const martsPlan = (await kit.store.listPlans(kit.pr)).map((p) => p.id);
    kit.advance(1_000);

    const outcomes = await comment(kit, command('plan', { project: 'staging' }));

    expect(outcomes.map((o) => o.project.name)).toEqual(['staging']);
    expect(kit.engine.calls).toEqual(['plan marts', 'plan staging']);
    const plans = await kit.store.listPlans(kit.pr);
    expect(plans.map((p) => p.project).sort()).toEqual(['marts', 'staging']);
    expect(plans.filter((p) => p.project === 'marts').map((p) => p.id)).toEqual(martsPlan);
    const summary = kit.summaries().at(-1);
    expect(summary).toContain('| `staging` | sql |');
    expect(summary).toContain('| `marts` | sql |');
  });

  it('passes the command\'s extra arguments to the engine', async () => {
    const kit = await serviceKit();

    await comment(kit, command('plan', { project: 'staging', extraArgs: ['-refresh=false'] }));

    expect(kit.engine.contexts.map((c) => c.extraArgs)).toEqual([['-refresh=false']]);
  });

  it('`plan -p nope` replies with the projects there are, and plans nothing', async () => {
    const kit = await serviceKit();

    await comment(kit, command('plan', { project: 'nope' }));

    expect(kit.comments()).toEqual(['⚠️ no project named `nope`; projects in this repository: `marts`, `staging`']);
    expect(kit.engine.calls).toEqual([]);
    expect(kit.summaries()).toEqual([]);
  });
});
