import type { CommandName } from '../commands/command.ts';
import { isPermissioned } from '../commands/grammar.ts';
import { failure, type Failure } from '../core/outcome.ts';
import type { PullRequest } from '../core/pull-request.ts';
import { isInAnyTeam } from './collect-approvals.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';

/**
 * Checks the server's per-command allowlist (`permissions.<command>.allow`: logins or `org/team`).
 * An empty or absent list allows anyone who may comment; requirements still guard apply.
 */
export async function authorizeCommand(deps: ServiceDeps, session: HostSession, name: CommandName, actor: string): Promise<Failure | undefined> {
  if (!isPermissioned(name)) return undefined;
  const allow = deps.server.permissions[name]?.allow ?? [];
  if (allow.length === 0) return undefined;
  const users = allow.filter((a) => !a.includes('/'));
  if (users.some((u) => u.toLowerCase() === actor.toLowerCase())) return undefined;
  const teams = allow.filter((a) => a.includes('/'));
  if (teams.length > 0 && (await isInAnyTeam(session, teams, actor))) return undefined;
  return failure('not_authorized', `@${actor} is not allowed to run \`${name}\` here`, {
    hint: `allowed: ${allow.map((a) => `@${a}`).join(', ')} (server config \`permissions.${name}.allow\`)`,
  });
}

const TRUSTED_ASSOCIATIONS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);
/** Commands that run PR code, or stop someone else's run: on a fork's PR, only for trusted commenters. */
const FORK_GUARDED = new Set<CommandName>(['plan', 'apply', 'cancel']);

/**
 * The fork rule: on a pull request from a fork, PR code runs (and runs are cancelled) only on a command from
 * an owner, member or collaborator of the repository. `association` is GitHub's author_association.
 */
export function denyFromFork(pr: PullRequest, options: { name: CommandName; actor: string; association: string | undefined }): Failure | undefined {
  if (!pr.fromFork || !FORK_GUARDED.has(options.name)) return undefined;
  if (options.association === undefined || TRUSTED_ASSOCIATIONS.has(options.association)) return undefined;
  return failure('not_authorized', `@${options.actor} may not run \`${options.name}\` on a pull request from a fork`, {
    hint: 'a member or collaborator of this repository must comment the command',
  });
}
