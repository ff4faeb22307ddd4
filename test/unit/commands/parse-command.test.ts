import { describe, expect, it } from 'vitest';
import { command } from '../../../src/commands/command.ts';
import { parseCommand, type ParseOptions, type ParseResult } from '../../../src/commands/parse-command.ts';

const options: ParseOptions = { names: ['sluice', 'atlantis'], appSlug: 'sluice-bot', extraArgsAllowlist: ['-target', '-refresh', '-parallelism'] };

const parse = (body: string): ParseResult => parseCommand(body, options);

function parsed(body: string) {
  const result = parse(body);
  if (result.kind !== 'command') throw new Error(`expected a command from ${JSON.stringify(body)}, got ${JSON.stringify(result)}`);
  return result.command;
}

function rejected(body: string) {
  const result = parse(body);
  if (result.kind !== 'invalid') throw new Error(`expected invalid from ${JSON.stringify(body)}, got ${JSON.stringify(result)}`);
  return result.failure;
}

describe('parseCommand: addressing', () => {
  it('reads every command of the grammar', () => {
    for (const name of ['plan', 'apply', 'unlock', 'approve_policies', 'cancel', 'help', 'version'] as const) {
      expect(parsed(`sluice ${name}`)).toEqual(command(name));
    }
  });

  it('answers to every configured name and to @app-slug', () => {
    expect(parsed('atlantis plan')).toEqual(command('plan'));
    expect(parsed('@sluice-bot apply')).toEqual(command('apply'));
    expect(parsed('@Sluice-Bot apply')).toEqual(command('apply'));
  });

  it('is case-insensitive in the name and command, not in values', () => {
    expect(parsed('SLUICE Plan -p Analytics')).toEqual(command('plan', { project: 'Analytics' }));
  });

  it('ignores surrounding whitespace and backticks', () => {
    expect(parsed('  `sluice plan`  ')).toEqual(command('plan'));
    expect(parsed('```sluice apply -p analytics```\n')).toEqual(command('apply', { project: 'analytics' }));
    expect(parsed('\n\nsluice   plan\t-p  analytics\n')).toEqual(command('plan', { project: 'analytics' }));
  });

  it('ignores comments not addressed to us', () => {
    for (const body of ['', '   ', 'LGTM', 'please sluice plan', 'sluiceplan', '@someone-else plan', 'plan', '@sluice plan']) {
      expect(parse(body)).toEqual({ kind: 'ignored' });
    }
  });

  it('ignores comments of more than one non-empty line', () => {
    expect(parse('sluice plan\nsluice apply')).toEqual({ kind: 'ignored' });
    expect(parse('> sluice apply\nwhy did this fail?')).toEqual({ kind: 'ignored' });
    expect(parse('sluice plan\r\n-p analytics')).toEqual({ kind: 'ignored' });
    expect(parse('sluice unlock\n\n   \n')).toEqual({ kind: 'command', command: command('unlock') });
  });

  it('does not address @app-slug without an app slug configured', () => {
    expect(parseCommand('@sluice-bot plan', { names: ['sluice'], extraArgsAllowlist: [] })).toEqual({ kind: 'ignored' });
  });
});

describe('parseCommand: unknown commands', () => {
  it('asks for a command when only the name is given, listing the commands', () => {
    const f = rejected('sluice');
    expect(f.code).toBe('command_unknown');
    expect(f.message).toBe('`sluice` needs a command');
    expect(f.hint).toContain('`sluice plan`');
    expect(f.hint).toContain('`sluice approve_policies`');
    expect(f.hint).toContain('`sluice help`');
  });

  it('rejects an unknown command with the list of commands', () => {
    const f = rejected('sluice destroy');
    expect(f.code).toBe('command_unknown');
    expect(f.message).toBe('`sluice destroy` is not a command');
    expect(f.hint).toContain('`sluice apply`');
  });

  it('suggests the nearest command within two edits', () => {
    expect(rejected('sluice aply').message).toContain('did you mean `sluice apply`?');
    expect(rejected('sluice approve-policies').message).toContain('did you mean `sluice approve_policies`?');
    expect(rejected('atlantis plna').message).toContain('did you mean `sluice plan`?');
    expect(rejected('sluice destroy').message).not.toContain('did you mean');
  });

  it('turns `terraform plan` and `tofu plan` into a did-you-mean', () => {
    for (const [body, suggestion] of [
      ['terraform plan', 'sluice plan'],
      ['terraform apply', 'sluice apply'],
      ['tofu plan', 'sluice plan'],
      ['Terraform Apply -p analytics', 'sluice apply -p analytics'],
    ] as const) {
      const f = rejected(body);
      expect(f.code).toBe('command_unknown');
      expect(f.message).toContain(`did you mean \`${suggestion}\`?`);
    }
  });

  it('leaves other talk about terraform alone', () => {
    expect(parse('terraform is great')).toEqual({ kind: 'ignored' });
    expect(parse('terraform plan\nlooks odd to me')).toEqual({ kind: 'ignored' });
  });

  it('uses the app slug in replies when no name is configured', () => {
    const f = parseCommand('tofu plan', { names: [], appSlug: 'sluice-bot', extraArgsAllowlist: [] });
    expect(f).toMatchObject({ kind: 'invalid', failure: { message: expect.stringContaining('`@sluice-bot plan`') } });
  });
});

describe('parseCommand: flags', () => {
  it('reads short, long and `=` forms', () => {
    const expected = command('plan', { dir: 'infra/lake', target: 'prod' });
    expect(parsed('sluice plan -d infra/lake -w prod')).toEqual(expected);
    expect(parsed('sluice plan --dir infra/lake --workspace prod')).toEqual(expected);
    expect(parsed('sluice plan --dir=infra/lake -w=prod')).toEqual(expected);
  });

  it('reads the flags of apply and approve_policies', () => {
    expect(parsed('sluice apply -p lake --auto-merge-disabled')).toEqual(command('apply', { project: 'lake', autoMergeDisabled: true }));
    expect(parsed('sluice approve_policies --policy no-destroy --policy pii.columns')).toEqual(
      command('approve_policies', { policies: ['no-destroy', 'pii.columns'] }),
    );
    expect(parsed('sluice approve_policies -p analytics --clear-policy-approval')).toEqual(
      command('approve_policies', { project: 'analytics', clearPolicyApproval: true }),
    );
  });

  it('rejects a flag the command does not take, with its usage', () => {
    const f = rejected('sluice plan --auto-merge-disabled');
    expect(f.code).toBe('command_invalid');
    expect(f.message).toBe('`sluice plan`: unknown flag `--auto-merge-disabled` (arguments for Terraform go after `--`)');
    expect(f.hint).toContain('Usage: `sluice plan [-p NAME] [-d PATH] [-w NAME] [-- ARGS...]`');
    expect(rejected('sluice cancel -p analytics').message).toBe('`sluice cancel`: takes no flags (got `-p`)');
    expect(rejected('sluice unlock --auto-merge-disabled').hint).toContain('`sluice unlock [-p NAME] [-d PATH] [-w NAME]`');
  });

  it('rejects --verbose, which was removed, as it does any unknown flag', () => {
    const plan = rejected('sluice plan --verbose');
    expect(plan.code).toBe('command_invalid');
    expect(plan.message).toBe('`sluice plan`: unknown flag `--verbose` (arguments for Terraform go after `--`)');
    expect(plan.hint).toBe('Usage: `sluice plan [-p NAME] [-d PATH] [-w NAME] [-- ARGS...]`. Comment `sluice help` for details.');
    expect(rejected('sluice apply -p lake --verbose').message).toBe('`sluice apply`: unknown flag `--verbose` (arguments for Terraform go after `--`)');
  });

  it('suggests a near flag name', () => {
    expect(rejected('sluice apply --projct analytics').message).toContain('did you mean `--project`?');
  });

  it('rejects stray words', () => {
    expect(rejected('sluice plan analytics').message).toBe('`sluice plan`: unexpected argument `analytics`');
    expect(rejected('sluice help plan').code).toBe('command_invalid');
  });

  it('rejects a flag missing its value', () => {
    expect(rejected('sluice plan -p').message).toBe('`sluice plan`: `-p/--project` needs a value (NAME)');
    expect(rejected('sluice plan -p --dir x').message).toContain('`-p/--project` needs a value');
    expect(rejected('sluice plan --dir=').message).toContain('`-d/--dir` needs a value');
    expect(rejected('sluice plan -w -- -refresh=false').message).toContain('`-w/--workspace` needs a value');
  });

  it('rejects a value on a switch', () => {
    expect(rejected('sluice apply --auto-merge-disabled=true').message).toContain('`--auto-merge-disabled` takes no value');
  });

  it('rejects duplicate flags', () => {
    expect(rejected('sluice plan -p a --project b').message).toContain('`-p/--project` is given more than once');
    expect(rejected('sluice apply --auto-merge-disabled --auto-merge-disabled').message).toContain('given more than once');
    expect(rejected('sluice approve_policies --policy a --policy a').message).toContain('`--policy` is given more than once');
  });

  it('rejects -p together with -d or -w', () => {
    expect(rejected('sluice plan -p analytics -d sql').message).toBe('`sluice plan`: `-p/--project` cannot be combined with `-d/--dir`: use -p alone, or -d/-w');
    expect(rejected('sluice apply -w prod -p analytics').message).toContain('use -p alone, or -d/-w');
  });

  it('validates project, workspace and policy names', () => {
    expect(parsed('sluice plan -p a.b_c-9').project).toBe('a.b_c-9');
    for (const body of ['sluice plan -p -x', 'sluice plan -p=.hidden', 'sluice plan -w prod/eu', 'sluice plan -p a;rm', `sluice plan -p ${'a'.repeat(101)}`, 'sluice approve_policies --policy $(x)']) {
      expect(rejected(body).code).toBe('command_invalid');
    }
    expect(rejected('sluice plan -w prod/eu').message).toContain('must be letters, digits');
  });

  it('rejects quotes with a clear message', () => {
    const f = rejected('sluice plan -p "analytics"');
    expect(f.code).toBe('command_invalid');
    expect(f.message).toContain('quotes and control characters are not supported');
    expect(f.message).toContain('`sluice plan -p analytics`');
    expect(rejected("sluice plan -d 'my dir'").code).toBe('command_invalid');
    expect(rejected('sluice plan -- -target=aws_s3_bucket.x["a"]').code).toBe('command_invalid');
  });
});

describe('parseCommand: directories', () => {
  it('normalizes the directory', () => {
    for (const [raw, dir] of [
      ['./infra/lake/', 'infra/lake'],
      ['infra//lake', 'infra/lake'],
      ['infra/./lake', 'infra/lake'],
      ['.', '.'],
      ['./', '.'],
      ['.github/x', '.github/x'],
    ] as const) {
      expect(parsed(`sluice plan -d ${raw}`).dir).toBe(dir);
    }
  });

  it('rejects paths escaping the repository', () => {
    for (const raw of ['..', '../other', 'infra/../../etc', '/etc', '//srv', 'infra\\lake', 'C:/x', '--dir=-rf']) {
      const body = raw.startsWith('--') ? `sluice plan ${raw}` : `sluice plan -d ${raw}`;
      const f = rejected(body);
      expect(f.code).toBe('command_invalid');
      expect(f.message).toContain('must be a relative path inside the repository');
    }
  });
});

describe('parseCommand: extra arguments after --', () => {
  it('passes allowlisted flags on as an argument vector', () => {
    expect(parsed('sluice plan -- -target=aws_s3_bucket.raw -refresh=false').extraArgs).toEqual(['-target=aws_s3_bucket.raw', '-refresh=false']);
    expect(parsed('sluice apply -p lake -- -target aws_s3_bucket.raw -refresh').extraArgs).toEqual(['-target', 'aws_s3_bucket.raw', '-refresh']);
    expect(parsed('sluice plan -- --parallelism=2').extraArgs).toEqual(['--parallelism=2']);
    expect(parsed('sluice plan --').extraArgs).toEqual([]);
  });

  it('is only for plan and apply', () => {
    expect(rejected('sluice unlock -- -target=x').message).toBe('`sluice unlock`: takes no arguments after `--`');
  });

  it('rejects flags outside the allowlist', () => {
    const f = rejected('sluice plan -- -var=x=1');
    expect(f.message).toBe('`sluice plan`: `-var` is not an allowed argument after `--` (allowed: `-target`, `-refresh`, `-parallelism`)');
    expect(rejected('sluice plan -- -destroy').code).toBe('command_invalid');
    expect(rejected('sluice plan -- ---target=x').code).toBe('command_invalid');
    expect(parseCommand('sluice plan -- -target=x', { ...options, extraArgsAllowlist: [] })).toMatchObject({
      kind: 'invalid', failure: { message: expect.stringContaining('none are allowed on this server') },
    });
  });

  it('never allows -chdir or -plugin-dir, even when allowlisted', () => {
    const lax = { ...options, extraArgsAllowlist: ['-chdir', '-plugin-dir'] };
    for (const body of ['sluice plan -- -chdir=/', 'sluice plan -- --plugin-dir /tmp']) {
      expect(parseCommand(body, lax)).toMatchObject({ kind: 'invalid', failure: { message: expect.stringContaining('is never allowed') } });
    }
  });

  it('rejects bare values and empty values', () => {
    expect(rejected('sluice plan -- aws_s3_bucket.raw').message).toContain('must follow an allowed flag');
    expect(rejected('sluice plan -- -target a b').message).toContain('`b` after `--` must follow an allowed flag');
    expect(rejected('sluice plan -- -target=').message).toContain('needs a value');
  });
});
