/** Every reply Sluice posts renders through one function; each kind says what happened, in the server's command name. */
import { describe, expect, it } from 'vitest';
import { failure } from '../../../src/core/outcome.ts';
import { renderReply } from '../../../src/render/render-reply.ts';

const ctx = { commandName: 'atlas' };

describe('renderReply', () => {
  it('a failure reads as its message and hint', () => {
    const text = renderReply({ kind: 'failure', failure: failure('project_unknown', 'no project named `lake`', { hint: 'projects: `analytics`' }) }, ctx);
    expect(text).toContain('no project named `lake`');
    expect(text).toContain('projects: `analytics`');
  });

  it('help and the closed-PR answer name the bot as the server calls it', () => {
    expect(renderReply({ kind: 'help' }, ctx)).toContain('atlas plan');
    expect(renderReply({ kind: 'closed' }, ctx)).toBe('This pull request is closed; Sluice runs commands on open pull requests only.');
  });

  it('unlock, cancel and policy approvals say what changed', () => {
    expect(renderReply({ kind: 'unlocked', projects: ['analytics'] }, ctx)).toContain('analytics');
    expect(renderReply({ kind: 'cancelled', count: 2 }, ctx)).toMatch(/2/);
    expect(renderReply({ kind: 'policy-approval-withdrawn', actor: 'erin', count: 1 }, ctx)).toContain('erin');
    expect(renderReply({ kind: 'policy-approved', actor: 'erin', approved: [{ project: 'analytics', ruleId: 'sql-new-pii-column' }], remaining: [] }, ctx)).toContain('sql-new-pii-column');
  });
});
