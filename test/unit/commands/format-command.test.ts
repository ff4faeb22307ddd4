import { describe, expect, it } from 'vitest';
import { command } from '../../../src/commands/command.ts';
import { formatCommand } from '../../../src/commands/format-command.ts';

const name = 'sluice';

describe('formatCommand', () => {
  it('writes the bare command when every flag is at its default', () => {
    expect(formatCommand(command('apply'), { name })).toBe('sluice apply');
    expect(formatCommand(command('approve_policies'), { name: 'atlantis' })).toBe('atlantis approve_policies');
  });

  it('prefers short flags, in grammar order', () => {
    expect(formatCommand(command('apply', { project: 'analytics' }), { name })).toBe('sluice apply -p analytics');
    expect(formatCommand(command('plan', { target: 'prod', dir: 'infra/lake' }), { name })).toBe('sluice plan -d infra/lake -w prod');
  });

  it('writes switches, repeated flags and extra arguments', () => {
    expect(formatCommand(command('apply', { autoMergeDisabled: true, extraArgs: ['-target', 'a.b', '-refresh=false'] }), { name }))
      .toBe('sluice apply --auto-merge-disabled -- -target a.b -refresh=false');
    expect(formatCommand(command('approve_policies', { policies: ['no-destroy', 'pii'], clearPolicyApproval: true }), { name }))
      .toBe('sluice approve_policies --policy no-destroy --policy pii --clear-policy-approval');
  });

  it('omits fields the command does not take', () => {
    expect(formatCommand(command('cancel', { project: 'x', autoMergeDisabled: true, extraArgs: ['-refresh'] }), { name })).toBe('sluice cancel');
  });

  it('addresses by app slug when given one', () => {
    expect(formatCommand(command('plan'), { name: '@sluice-bot' })).toBe('@sluice-bot plan');
  });
});
