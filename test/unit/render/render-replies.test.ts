import { describe, expect, it } from 'vitest';
import { command } from '../../../src/commands/command.ts';
import type { Job } from '../../../src/core/job.ts';
import { failure } from '../../../src/core/outcome.ts';
import * as replies from '../../../src/render/render-replies.ts';
import { expectGolden } from '../../golden-file.ts';
import { NOW } from './views.ts';

const job = (request: Job['request']): Job => ({
  id: 'j1', pr: { repo: 'acme/data', number: 42 }, actor: 'erin', request, deliveryId: 'd1', status: 'interrupted', attempts: 1, createdAt: NOW,
});

describe('replies', () => {
  it('match their golden file', () => {
    const all: Record<string, string> = {
      renderLockHeld: replies.renderLockHeld({ project: 'analytics', holder: { pr: 41, user: 'dana', acquiredAt: '2025-03-14T09:55:00.000Z' }, now: NOW, commandName: 'sluice' }),
      renderRequirementsUnmet: replies.renderRequirementsUnmet([
        { requirement: 'approved', detail: 'no approval at the head commit', who: 'a member of @acme/platform' },
        { project: 'analytics', requirement: 'policy', detail: 'policy `breaking-change` needs approval', who: '@acme/analytics-owners, with `sluice approve_policies`' },
        { project: 'lake', requirement: 'plan_stale', detail: 'the plan is for `0123abc`, the head is `a1b2c3d`' },
      ], { commandName: 'sluice' }),
      'renderRequirementsUnmet (one)': replies.renderRequirementsUnmet([{ requirement: 'mergeable', detail: 'the branch has conflicts' }], { commandName: 'sluice', retry: command('apply', { project: 'lake' }) }),
      renderUnknownProject: replies.renderUnknownProject('nope', ['analytics', 'lake', 'orders-daily']),
      'renderUnknownProject (none)': replies.renderUnknownProject('nope', []),
      renderCommandFailure: replies.renderCommandFailure(failure('command_unknown', 'unknown command `aply`', { hint: 'did you mean `sluice apply`? Comment `sluice help` for every command.' })),
      renderConfigFailure: replies.renderConfigFailure(failure('config_invalid', 'reading sluice.yaml: 2 problems', {
        problems: [
          { message: 'projects[0].kind: expected one of sql, pipeline, terraform, cdktf', location: { file: 'sluice.yaml', line: 4, column: 11 } },
          { message: 'projects[1].dir: `../x` leaves the repository', location: { file: 'sluice.yaml', line: 9, column: 10 } },
        ],
        hint: 'Fix `sluice.yaml` and push.',
      })),
      renderNotAuthorized: replies.renderNotAuthorized({ user: 'mallory', command: command('apply', { project: 'lake' }), commandName: 'sluice' }),
      renderAppError: replies.renderAppError({ ...job({ type: 'autoplan', pullRequest: {} as never }), deliveryId: '7c1e2a40-0000-11ef-8000-1234567890ab' }, { commandName: 'sluice' }),
      'renderAppError (apply)': replies.renderAppError(job({ type: 'command', command: command('apply', { project: 'lake' }) }), { commandName: 'sluice' }),
      renderNoProjects: replies.renderNoProjects(),
      renderCancelled: replies.renderCancelled(2),
      'renderCancelled (nothing)': replies.renderCancelled(0),
      renderUnlocked: replies.renderUnlocked(['analytics', 'lake'], { commandName: 'sluice' }),
      'renderUnlocked (nothing)': replies.renderUnlocked([], { commandName: 'sluice' }),
      'renderInterrupted (apply)': replies.renderInterrupted(job({ type: 'command', command: command('apply', { project: 'lake' }) }), { commandName: 'sluice' }),
      'renderInterrupted (closed)': replies.renderInterrupted(job({ type: 'closed', merged: true }), { commandName: 'sluice' }),
      renderVersionReply: replies.renderVersionReply({
        sluice: '0.1.0', node: 'v24.1.0',
        targets: [
          { target: 'default', type: 'duckdb', tool: 'DuckDB', version: 'v1.5.5' },
          { target: 'warehouse', type: 'postgres', tool: 'PostgreSQL', version: '16.4 (Debian 16.4-1)' },
          { target: 'reporting', type: 'postgres', tool: 'PostgreSQL', problem: 'unreachable: connect ECONNREFUSED 10.0.0.7:5432' },
          { target: 'aws-prod', type: 'terraform', tool: 'tofu', version: '1.8.2' },
          { target: 'lake', type: 'terraform', tool: 'terraform or tofu', problem: 'no terraform or tofu binary found on PATH (the target plans a configuration diff)' },
          { target: 'odd|name', type: 'terraform', tool: 'bin/tf|x', problem: 'failed: timed out after 5 s' },
        ],
      }),
      'renderVersionReply (no targets)': replies.renderVersionReply({ sluice: '0.1.0', node: 'v24.1.0', targets: [] }),
    };
    expectGolden('replies', Object.entries(all).map(([name, text]) => `<!-- ${name} -->\n${text}`).join('\n\n---\n\n'));
  });

  it('words the lock reply as the conversation sketch does', () => {
    expect(replies.renderLockHeld({ project: 'analytics', holder: { pr: 41, user: 'dana', acquiredAt: '2025-03-14T10:00:00.000Z' }, now: NOW, commandName: 'sluice' }))
      .toBe('🔒 `analytics` is locked by #41 (planned 2 h ago by @dana). Apply or close #41, or comment `sluice unlock` there.');
  });

  it('names unknown projects and the ones available', () => {
    expect(replies.renderUnknownProject('nope', ['a', 'b'])).toBe('❓ No project named `nope`; projects in this PR: `a`, `b`.');
  });

  it('uses the configured command name', () => {
    expect(replies.renderUnlocked(['a'], { commandName: 'atlas' })).toContain('`atlas plan`');
  });
});
