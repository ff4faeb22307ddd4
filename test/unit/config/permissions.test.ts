import { describe, expect, expectTypeOf, it } from 'vitest';
import { COMMAND_NAMES, type CommandName } from '../../../src/commands/command.ts';
import { COMMANDS, COMMAND_SPECS, PERMISSIONED_COMMANDS, type PermissionedCommandName } from '../../../src/commands/grammar.ts';
import { ServerConfig } from '../../../src/config/schema.ts';

describe('the server config permissions', () => {
  const keys = ServerConfig.shape.permissions.unwrap().keyType.options;

  it('are keyed by the grammar\'s permissioned commands, in grammar order', () => {
    expect(keys).toEqual(COMMANDS.filter((c) => c.permissioned).map((c) => c.name));
    expect(keys).toEqual(PERMISSIONED_COMMANDS);
    expect(keys).toEqual(['plan', 'apply', 'unlock', 'approve_policies', 'cancel']);
  });

  it('refuse a command anyone may run, and accept every permissioned one', () => {
    expect(ServerConfig.safeParse({ permissions: { help: { allow: ['alice'] } } }).success).toBe(false);
    expect(ServerConfig.safeParse({ permissions: { version: { allow: ['alice'] } } }).success).toBe(false);
    const all = Object.fromEntries(PERMISSIONED_COMMANDS.map((name) => [name, { allow: ['org/team'] }]));
    expect(ServerConfig.parse({ permissions: all }).permissions).toEqual(all);
  });

  it('match at type level: the config\'s keys are the permissioned names', () => {
    expectTypeOf<keyof ServerConfig['permissions']>().toEqualTypeOf<PermissionedCommandName>();
    expectTypeOf<PermissionedCommandName>().toEqualTypeOf<'plan' | 'apply' | 'unlock' | 'approve_policies' | 'cancel'>();
    expectTypeOf<keyof typeof COMMAND_SPECS>().toEqualTypeOf<CommandName>();
  });
});

describe('the grammar', () => {
  it('has one row per command name, in the order of COMMAND_NAMES', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual([...COMMAND_NAMES]);
    expect(Object.keys(COMMAND_SPECS).sort()).toEqual([...COMMAND_NAMES].sort());
  });
});
