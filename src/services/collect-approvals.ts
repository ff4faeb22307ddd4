import type { ApprovalFacts } from '../core/apply-guard.ts';
import type { PullRequest } from '../core/pull-request.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';

/**
 * Who approved the current head (the author and the bot never count), and which of them belong to the
 * required teams of the server config.
 */
export async function collectApprovals(deps: ServiceDeps, session: HostSession, pr: PullRequest): Promise<ApprovalFacts> {
  const reviews = await session.codeHost.listReviews(pr);
  const approvers = reviews
    .filter((r) => r.state === 'APPROVED' && r.commitId === pr.headSha)
    .map((r) => r.user)
    .filter((user) => user.toLowerCase() !== pr.author.toLowerCase() && user !== session.botLogin);
  const requiredTeams = deps.server.approvers;
  if (requiredTeams.length === 0 || approvers.length === 0) return { approvers, requiredTeams, teamApprovers: [] };
  const teamApprovers: string[] = [];
  for (const user of approvers) {
    if (await isInAnyTeam(session, requiredTeams, user)) teamApprovers.push(user);
  }
  return { approvers, requiredTeams, teamApprovers };
}

export async function isInAnyTeam(session: HostSession, teams: readonly string[], user: string): Promise<boolean> {
  for (const slug of teams) {
    const [org, team] = slug.split('/');
    if (!org || !team) continue;
    if (await session.codeHost.isTeamMember({ org, team, user })) return true;
  }
  return false;
}
