import { prKey, type PullRequestRef } from '../../core/pull-request.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { CodeHost, CommitState, Reaction } from '../../ports/code-host.ts';
import { createCheckRun, listCheckRuns, updateCheckRun } from './check-runs.ts';
import { callGitHub, isNotFound, parseResponse, splitRepo, toGitHubError, type GitHubClient } from './github-client.ts';
import { getMergeability } from './mergeability.ts';
import { getPullRequest, mergePullRequest } from './pull-requests.ts';
import { listReviews } from './reviews.ts';
import { TeamMembershipResponse } from './schema.ts';
import { createComment, upsertStickyComment } from './sticky-comment.ts';

export type { GitHubClient } from './github-client.ts';

async function react(client: GitHubClient, pr: PullRequestRef, commentId: number, reaction: Reaction): Promise<void> {
  await callGitHub(`reacting ${reaction} to comment ${commentId} on ${prKey(pr)}`, () =>
    client.rest.reactions.createForIssueComment({ ...splitRepo(pr.repo), comment_id: commentId, content: reaction }));
}

type StatusOptions = { context: string; state: CommitState; description: string; targetUrl?: string };

async function setCommitStatus(client: GitHubClient, repo: string, sha: string, options: StatusOptions): Promise<void> {
  await callGitHub(`setting status "${options.context}" on ${sha} in ${repo}`, () => client.rest.repos.createCommitStatus({
    ...splitRepo(repo),
    sha,
    context: options.context,
    state: options.state,
    description: options.description.slice(0, 140),
    ...(options.targetUrl === undefined ? {} : { target_url: options.targetUrl }),
  }));
}

/** Active members only; a pending invitation or a 404 (not a member, or team unknown) is `false`. */
async function isTeamMember(client: GitHubClient, options: { org: string; team: string; user: string }): Promise<boolean> {
  const doing = `checking whether ${options.user} is in team ${options.org}/${options.team}`;
  try {
    const response = await client.rest.teams.getMembershipForUserInOrg({ org: options.org, team_slug: options.team, username: options.user });
    return parseResponse(TeamMembershipResponse, response.data, doing).state === 'active';
  } catch (error) {
    if (isNotFound(error)) return false;
    throw toGitHubError(doing, error);
  }
}

/**
 * The CodeHost over GitHub's REST API. `client` is an already authenticated Octokit (an installation's
 * `context.octokit`, or `new Octokit({ auth, baseUrl })` for GitHub Enterprise Server); the adapter is host-agnostic.
 */
export function createGitHubCodeHost(client: GitHubClient, options: { clock?: Clock } = {}): CodeHost {
  const clock = options.clock ?? systemClock;
  return {
    getPullRequest: (pr) => getPullRequest(client, pr),
    upsertStickyComment: (pr, sticky) => upsertStickyComment(client, pr, sticky),
    postComment: (pr, body) => createComment(client, pr, body),
    react: (pr, commentId, reaction) => react(client, pr, commentId, reaction),
    createCheckRun: (repo, run) => createCheckRun(client, clock, repo, run),
    updateCheckRun: (repo, checkRunId, update) => updateCheckRun(client, clock, repo, checkRunId, update),
    listCheckRuns: (repo, headSha) => listCheckRuns(client, repo, headSha),
    setCommitStatus: (repo, sha, status) => setCommitStatus(client, repo, sha, status),
    listReviews: (pr) => listReviews(client, pr),
    isTeamMember: (membership) => isTeamMember(client, membership),
    getMergeability: (pr, mergeability) => getMergeability(client, pr, mergeability),
    merge: (pr, merge) => mergePullRequest(client, pr, merge),
  };
}
