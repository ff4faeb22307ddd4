import type { PullRequest, PullRequestRef } from '../../core/pull-request.ts';
import { prKey } from '../../core/pull-request.ts';
import { callGitHub, parseResponse, pullParams, type GitHubClient } from './github-client.ts';
import { PullRequestResponse } from './schema.ts';

export function toPullRequest(ref: PullRequestRef, data: PullRequestResponse): PullRequest {
  const headRepo = data.head.repo;
  return {
    repo: ref.repo,
    number: data.number,
    author: data.user?.login ?? 'ghost',
    headSha: data.head.sha,
    baseSha: data.base.sha,
    headRef: data.head.ref,
    baseRef: data.base.ref,
    defaultBranch: data.base.repo.default_branch,
    cloneUrl: data.base.repo.clone_url,
    draft: data.draft ?? false,
    fromFork: headRepo === null || headRepo.full_name !== data.base.repo.full_name,
    state: data.state,
    merged: data.merged ?? (data.merged_at !== null && data.merged_at !== undefined),
  };
}

export async function getPullRequest(client: GitHubClient, pr: PullRequestRef): Promise<PullRequest> {
  const doing = `reading ${prKey(pr)}`;
  const response = await callGitHub(doing, () => client.rest.pulls.get(pullParams(pr)));
  return toPullRequest(pr, parseResponse(PullRequestResponse, response.data, doing));
}

export async function mergePullRequest(
  client: GitHubClient,
  pr: PullRequestRef,
  options: { sha: string; method: 'merge' | 'squash' | 'rebase' },
): Promise<void> {
  await callGitHub(`merging ${prKey(pr)} at ${options.sha}`, () => client.rest.pulls.merge({
    ...pullParams(pr),
    sha: options.sha,
    merge_method: options.method,
  }));
}
