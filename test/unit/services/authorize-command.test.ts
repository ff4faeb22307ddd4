/**
 * Who may run a command (services/authorize-command.ts): the server's `permissions.<command>.allow` (logins,
 * any case, or `org/team`), and the fork rule for commands that run PR code or stop someone's run.
 */
import { describe, expect, it } from 'vitest';
import { authorizeCommand, denyFromFork } from '../../../src/services/authorize-command.ts';
import { PR, serviceKit } from '../../fakes/service-kit.ts';

const permissions = { apply: { allow: ['Lee', 'acme/deployers', 'acme/sre'] }, unlock: { allow: [] } };

describe('the per-command allowlist', () => {
  it('lets a listed login run the command, whatever its case', async () => {
    const kit = await serviceKit({ server: { permissions } });

    expect(await authorizeCommand(kit.deps, kit.session, 'apply', 'lee')).toBeUndefined();
    expect(await authorizeCommand(kit.deps, kit.session, 'apply', 'LEE')).toBeUndefined();
  });

  it('lets a member of any listed team run it, asking the code host about each team', async () => {
    const kit = await serviceKit({ server: { permissions } });
    kit.host.teamMembers.add('acme/sre:priya');

    expect(await authorizeCommand(kit.deps, kit.session, 'apply', 'priya')).toBeUndefined();
  });

  it('refuses anyone else, naming who is allowed and where that is configured', async () => {
    const kit = await serviceKit({ server: { permissions } });
    kit.host.teamMembers.add('acme/analysts:gus');

    expect(await authorizeCommand(kit.deps, kit.session, 'apply', 'gus')).toEqual({
      ok: false, code: 'not_authorized', message: '@gus is not allowed to run `apply` here',
      hint: 'allowed: @Lee, @acme/deployers, @acme/sre (server config `permissions.apply.allow`)',
    });
  });

  it('an empty or absent list allows anyone', async () => {
    const kit = await serviceKit({ server: { permissions } });

    expect(await authorizeCommand(kit.deps, kit.session, 'unlock', 'gus')).toBeUndefined();
    expect(await authorizeCommand(kit.deps, kit.session, 'plan', 'gus')).toBeUndefined();
  });

  it('help and version are never restricted, even by a list the schema would refuse', async () => {
    const kit = await serviceKit();
    const restricted = { help: { allow: ['lee'] }, version: { allow: ['lee'] } } as unknown as typeof kit.deps.server.permissions;
    const deps = { ...kit.deps, server: { ...kit.deps.server, permissions: restricted } };

    expect(await authorizeCommand(deps, kit.session, 'help', 'gus')).toBeUndefined();
    expect(await authorizeCommand(deps, kit.session, 'version', 'gus')).toBeUndefined();
  });
});

describe('the fork rule', () => {
  const fork = { ...PR, fromFork: true };

  it('on a fork\'s PR, plan, apply and cancel need an owner, member or collaborator', () => {
    for (const name of ['plan', 'apply', 'cancel'] as const) {
      expect(denyFromFork(fork, { name, actor: 'gus', association: 'CONTRIBUTOR' })).toMatchObject({
        code: 'not_authorized', message: `@gus may not run \`${name}\` on a pull request from a fork`,
      });
      for (const association of ['OWNER', 'MEMBER', 'COLLABORATOR']) {
        expect(denyFromFork(fork, { name, actor: 'priya', association })).toBeUndefined();
      }
    }
  });

  it('does not guard the other commands, PRs from the repository itself, or commands without an association', () => {
    expect(denyFromFork(fork, { name: 'unlock', actor: 'gus', association: 'CONTRIBUTOR' })).toBeUndefined();
    expect(denyFromFork(fork, { name: 'approve_policies', actor: 'gus', association: 'NONE' })).toBeUndefined();
    expect(denyFromFork(PR, { name: 'apply', actor: 'gus', association: 'CONTRIBUTOR' })).toBeUndefined();
    expect(denyFromFork(fork, { name: 'apply', actor: 'gus', association: undefined })).toBeUndefined();
  });
});
