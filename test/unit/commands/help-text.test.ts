import { describe, expect, it } from 'vitest';
import { COMMANDS, FLAGS } from '../../../src/commands/grammar.ts';
import { commandUsage, helpText } from '../../../src/commands/help-text.ts';

describe('helpText', () => {
  const help = helpText({ name: 'sluice' });

  it('lists every command of the grammar with its usage and description', () => {
    for (const spec of COMMANDS) {
      expect(help).toContain(`\`${commandUsage(spec.name, { name: 'sluice' })}\`: ${spec.description}`);
    }
  });

  it('documents every flag of every command', () => {
    for (const spec of COMMANDS) {
      const section = help.slice(help.indexOf(`- \`sluice ${spec.name}`)).split('\n- ')[0] ?? '';
      for (const key of spec.flags) expect(section).toContain(FLAGS[key].description);
    }
    expect(help).toContain('`-p, --project NAME`');
    expect(help).toContain('`--policy RULE`');
    expect(help).toContain('not with `-d` or `-w`');
  });

  it('uses the given name', () => {
    expect(helpText({ name: '@sluice-bot' })).toContain('`@sluice-bot apply [-p NAME] [-d PATH] [-w NAME] [--auto-merge-disabled] [-- ARGS...]`');
  });
});
