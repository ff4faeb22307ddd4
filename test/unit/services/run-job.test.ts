/**
 * One claimed job, run to completion (services/run-job.ts): the command comment gets 👀, the command is
 * authorized (allowlist, fork rule) before anything runs, a closed PR only answers help and version, and each
 * kind of job reaches its use case.
 */
import { describe, expect, it } from 'vitest';
import { command } from '../../../src/commands/command.ts';
import { helpText } from '../../../src/commands/help-text.ts';
import { failure } from '../../../src/core/outcome.ts';
import type { JobRequest } from '../../../src/core/job.ts';
import { runJob } from '../../../src/services/run-job.ts';
import { jobOf, PR, serviceKit, type ServiceKit, type ServiceKitOptions } from '../../fakes/service-kit.ts';

const run = (kit: ServiceKit, request: JobRequest, actor = 'dana') => runJob(kit.deps, kit.session, jobOf(request, { actor }), kit.signal);
const commented = (name: Parameters<typeof command>[0], options: Parameters<typeof command>[1] = {}, association?: string): JobRequest =>
  ({ type: 'command', command: command(name, options), commentId: 31, ...(association === undefined ? {} : { association }) });
const reactions = (kit: ServiceKit) => kit.host.calls.flatMap((c) => (c.method === 'react' ? [`${c.commentId}: ${c.reaction}`] : []));
const guarded: ServiceKitOptions = { server: { apply_requirements: [], permissions: { apply: { allow: ['acme/deployers', 'Lee'] } } } };

describe('running a command job', () => {
  it('a command from someone outside the allowlist gets 👀 and the denial, and runs nothing', async () => {
    const kit = await serviceKit(guarded);

    await run(kit, commented('apply'), 'gus');

    expect(reactions(kit)).toEqual(['31: eyes']);
    expect(kit.comments()).toEqual(['⚠️ @gus is not allowed to run `apply` here\n\n💡 allowed: @acme/deployers, @Lee (server config `permissions.apply.allow`)']);
    expect(kit.workspace.calls).toEqual([]);
    expect(kit.engine.calls).toEqual([]);
  });

  it('an allowed login (any case) or team member gets past the allowlist', async () => {
    const byLogin = await serviceKit(guarded);
    const byTeam = await serviceKit(guarded);
    byTeam.host.teamMembers.add('acme/deployers:priya');

    await run(byLogin, commented('apply'), 'lee');
    await run(byTeam, commented('apply'), 'priya');

    for (const kit of [byLogin, byTeam]) {
      // Past authorization, apply runs its guard: there is no plan yet.
      expect(kit.comments()).toHaveLength(1);
      expect(kit.comments()[0]).toContain('**no plan**: there is no plan to apply in this pull request');
    }
  });

  it('on a fork\'s PR, `plan` from a contributor is denied; from a collaborator it runs', async () => {
    const kit = await serviceKit({ pr: { fromFork: true } });

    await run(kit, commented('plan', {}, 'CONTRIBUTOR'), 'gus');
    expect(kit.comments()).toEqual(['⚠️ @gus may not run `plan` on a pull request from a fork\n\n💡 a member or collaborator of this repository must comment the command']);
    expect(kit.engine.calls).toEqual([]);

    await run(kit, commented('plan', {}, 'COLLABORATOR'), 'priya');
    expect(kit.engine.calls).toEqual(['plan staging', 'plan marts']);
  });

  it('a command on a closed PR gets the closed reply and runs nothing', async () => {
    const kit = await serviceKit({ pr: { state: 'closed' } });

    await run(kit, commented('plan'));

    expect(kit.comments()).toEqual(['This pull request is closed; Sluice runs commands on open pull requests only.']);
    expect(kit.workspace.calls).toEqual([]);
  });

  it('help replies with the command list, under the server\'s command name, even on a closed PR', async () => {
    const kit = await serviceKit({ pr: { state: 'closed' }, server: { command: { name: 'databot' } } });

    await run(kit, commented('help'));

    expect(kit.comments()).toEqual([helpText({ name: 'databot' })]);
    expect(kit.comments()[0]).toContain('`databot plan`');
    expect(reactions(kit)).toEqual(['31: eyes']);
  });

  it('version replies with the tool versions', async () => {
    const kit = await serviceKit();

    await run(kit, commented('version'));

    expect(kit.comments()).toHaveLength(1);
    expect(kit.comments()[0]).toMatch(/^\*\*Sluice\*\* `[^`]+` on Node `v24\.0\.0`/);
    expect(kit.comments()[0]).toContain('| `default` | duckdb | DuckDB | `v1.5.5` |');
  });

  it('`plan` and `unlock` reach their use cases with the job\'s actor', async () => {
    const kit = await serviceKit();

    await run(kit, commented('plan', { project: 'staging' }), 'erin');
    expect(kit.engine.calls).toEqual(['plan staging']);
    expect((await kit.store.getLock({ repo: 'acme/data', project: 'staging', target: 'default' }))?.user).toBe('erin');

    await run(kit, commented('unlock'), 'erin');
    expect(kit.comments().at(-1)).toMatch(/^🔓 Unlocked `staging`/);
    expect((await kit.store.listAudit(kit.pr)).map((a) => `${a.action} by ${a.actor}`)).toEqual(['unlocked by erin']);
  });

  it('`cancel` as a job does nothing (it acts from the webhook handler)', async () => {
    const kit = await serviceKit();

    await run(kit, commented('cancel'));

    expect(kit.host.calls.filter((c) => c.method !== 'react')).toEqual([]);
  });

  it('a command without a comment (a check run button) gets no reaction', async () => {
    const kit = await serviceKit();

    await run(kit, { type: 'command', command: command('help'), checkRunId: 5 });

    expect(reactions(kit)).toEqual([]);
    expect(kit.comments()).toHaveLength(1);
  });

  it('a failed reaction is logged and never fails the job', async () => {
    const kit = await serviceKit();
    kit.host.react = async () => { throw new Error('GitHub: 403'); };

    await run(kit, commented('help'));

    expect(kit.logged).toContain('warn: reaction failed');
    expect(kit.comments()).toHaveLength(1);
  });
});

describe('running the other jobs', () => {
  it('an autoplan plans the PR as the job carries it, and reports on the summary', async () => {
    const kit = await serviceKit();

    await run(kit, { type: 'autoplan', pullRequest: PR, opened: true });

    expect(kit.engine.calls).toEqual(['plan staging', 'plan marts']);
    expect(kit.summaries()).toHaveLength(1);
    expect(kit.comments()).toEqual([]);
  });

  it('a reply job posts its failure, or the cancel confirmation', async () => {
    const kit = await serviceKit();

    await run(kit, { type: 'reply', failure: failure('command_unknown', 'unknown command `aply`', { hint: 'did you mean `sluice apply`?' }) });
    await run(kit, { type: 'reply', cancelled: 0 });

    expect(kit.comments()).toEqual([
      '⚠️ unknown command `aply`\n\n💡 did you mean `sluice apply`?',
      'Nothing to cancel: no run is queued or running for this pull request.',
    ]);
  });

  it('a closed job cleans up the PR as GitHub reports it now', async () => {
    const kit = await serviceKit();
    await run(kit, { type: 'autoplan', pullRequest: PR });
    kit.host.pullRequest = { ...PR, state: 'closed', merged: true };

    await run(kit, { type: 'closed', merged: true });

    expect(await kit.store.listLocks('acme/data')).toEqual([]);
    expect(kit.cleanups).toHaveLength(2);
    expect((await kit.auditActions()).at(-1)).toBe('merged');
  });
});
