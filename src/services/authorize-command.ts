import type { CommandName } from '../commands/command.ts';
import { failure, type Failure } from '../core/outcome.ts';
import { isInAnyTeam } from './collect-approvals.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';

/**
 * Checks the server's per-command allowlist (`permissions.<command>.allow`: logins or `org/team`).
 * An empty or absent list allows anyone who may comment; requirements still guard apply.
 */
export async function authorizeCommand(deps: ServiceDeps, session: HostSession, name: CommandName, actor: string): Promise<Failure | undefined> {
  if (name === 'help' || name === 'version') return undefined;
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
