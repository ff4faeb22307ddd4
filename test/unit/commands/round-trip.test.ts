import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { command, type Command } from '../../../src/commands/command.ts';
import { formatCommand } from '../../../src/commands/format-command.ts';
import { COMMANDS, FLAG_CONFLICTS, NAME_PATTERN, type CommandSpec, type FlagKey } from '../../../src/commands/grammar.ts';
import { parseCommand, type ParseOptions } from '../../../src/commands/parse-command.ts';

const options: ParseOptions = { names: ['sluice', 'atlantis'], appSlug: 'sluice-bot', extraArgsAllowlist: ['-target', '-refresh', '--parallelism'] };

const name = fc.stringMatching(NAME_PATTERN);
const segment = fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
const dir = fc.oneof(
  fc.constant('.'),
  fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/')).filter((d) => !d.startsWith('-')),
);
const argValue = fc.stringMatching(/^[A-Za-z0-9_.[\]=:/-]{1,20}$/).filter((v) => !v.startsWith('-'));
const extraFlag = fc.constantFrom(...options.extraArgsAllowlist);
const extraArg = fc.oneof(
  fc.tuple(extraFlag).map(([f]) => [f]),
  fc.tuple(extraFlag, argValue).map(([f, v]) => [`${f}=${v}`]),
  fc.tuple(extraFlag, argValue).map(([f, v]) => [f, v]),
);

const fieldArbitraries: { [K in FlagKey]: fc.Arbitrary<Command[K]> } = {
  project: name,
  dir,
  target: name,
  autoMergeDisabled: fc.boolean(),
  policies: fc.uniqueArray(name, { maxLength: 3 }),
  clearPolicyApproval: fc.boolean(),
};

/** A valid command for `spec`: only its flags, no conflicting pair, extra arguments only where allowed. */
function validCommand(spec: CommandSpec): fc.Arbitrary<Command> {
  const fields = Object.fromEntries(spec.flags.map((key) => [key, fc.option(fieldArbitraries[key] as fc.Arbitrary<unknown>, { nil: undefined })]));
  const extraArgs = spec.extraArgs ? fc.array(extraArg, { maxLength: 3 }).map((a) => a.flat()) : fc.constant([]);
  return fc.record({ fields: fc.record(fields), extraArgs }).map(({ fields: f, extraArgs: e }) => {
    const set = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
    for (const conflict of FLAG_CONFLICTS) {
      if (set[conflict.flag] !== undefined) for (const other of conflict.with) delete set[other];
    }
    return command(spec.name, { ...set, extraArgs: e });
  });
}

const anyCommand = fc.oneof(...COMMANDS.map(validCommand));
const anyName = fc.constantFrom('sluice', 'atlantis', 'SLUICE', '@sluice-bot');

describe('grammar properties', () => {
  it('parse(format(c)) gives back c', () => {
    fc.assert(fc.property(anyCommand, anyName, (c, n) => {
      expect(parseCommand(formatCommand(c, { name: n }), options)).toEqual({ kind: 'command', command: c });
    }), { numRuns: 2000 });
  });

  it('format(parse(s)) is a fixed point of parse', () => {
    fc.assert(fc.property(anyCommand, (c) => {
      const text = formatCommand(c, { name: 'sluice' });
      const again = parseCommand(`\`${text}\``, options);
      expect(again.kind === 'command' && formatCommand(again.command, { name: 'sluice' })).toBe(text);
    }));
  });

  it('never throws, and answers with a known code', () => {
    const words = fc.constantFrom('sluice', 'Sluice', '@sluice-bot', 'terraform', 'plan', 'apply', 'approve_policies', '-p', '--project=', '-d', '-w',
      '--policy', '--', '-target', '-target=x', '-chdir', '..', '/', '\\', '"', '`', '\n', ' ', 'x', 'aply', '--verbose');
    const structured = fc.array(words, { maxLength: 8 }).map((w) => w.join(' '));
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), structured), (body) => {
      const result = parseCommand(body, options);
      if (result.kind === 'invalid') expect(['command_unknown', 'command_invalid']).toContain(result.failure.code);
    }), { numRuns: 1000 });
  });
});
