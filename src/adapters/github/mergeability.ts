import { z } from 'zod';
import { prKey, type PullRequestRef } from '../../core/pull-request.ts';
import type { Mergeability } from '../../ports/code-host.ts';
import { callGitHub, parseResponse, pullParams, splitRepo, type GitHubClient } from './github-client.ts';
import { CheckRunSlice, CombinedStatusResponse, PullRequestResponse } from './schema.ts';

export type MergeabilityOptions = { headSha: string; ownContexts: readonly string[] };

const MERGEABLE_STATES = new Set(['clean', 'unstable', 'has_hooks']);
const PASSING_CONCLUSIONS = new Set(['success', 'neutral', 'skipped']);
const OWN_PREFIX = 'sluice/';

function isOwn(name: string, ownContexts: readonly string[]): boolean {
  return name.startsWith(OWN_PREFIX) || ownContexts.includes(name);
}

async function commitStatuses(client: GitHubClient, repo: string, sha: string): Promise<CombinedStatusResponse['statuses']> {
  const doing = `reading the combined status of ${sha} in ${repo}`;
  // The combined status lists the latest status per context (up to 100 per page; more is not realistic).
  const response = await callGitHub(doing, () => client.rest.repos.getCombinedStatusForRef({ ...splitRepo(repo), ref: sha, per_page: 100 }));
  return parseResponse(CombinedStatusResponse, response.data, doing).statuses;
}

async function checkRuns(client: GitHubClient, repo: string, sha: string): Promise<CheckRunSlice[]> {
  const doing = `listing check runs of ${sha} in ${repo}`;
  const data = await callGitHub(doing, () => client.paginate(client.rest.checks.listForRef, { ...splitRepo(repo), ref: sha, filter: 'latest', per_page: 100 }));
  return parseResponse(z.array(CheckRunSlice), data, doing);
}

/** When GitHub says `blocked`: whether everything blocking is Sluice's own (statuses and check runs of others pass). */
async function othersPass(client: GitHubClient, repo: string, options: MergeabilityOptions): Promise<boolean> {
  const [statuses, runs] = await Promise.all([
    commitStatuses(client, repo, options.headSha),
    checkRuns(client, repo, options.headSha),
  ]);
  const statusesPass = statuses.every((s) => isOwn(s.context, options.ownContexts) || s.state === 'success');
  const runsPass = runs.every((r) => isOwn(r.name, options.ownContexts)
    || (r.status === 'completed' && r.conclusion !== null && PASSING_CONCLUSIONS.has(r.conclusion)));
  return statusesPass && runsPass;
}

/**
 * `clean`, `unstable`, `has_hooks` → mergeable; `blocked` → mergeable when only Sluice's own checks block;
 * `dirty`, `behind`, `draft`, `unknown` (GitHub still computing) → not mergeable.
 */
export async function getMergeability(client: GitHubClient, pr: PullRequestRef, options: MergeabilityOptions): Promise<Mergeability> {
  const doing = `reading mergeability of ${prKey(pr)}`;
  const response = await callGitHub(doing, () => client.rest.pulls.get(pullParams(pr)));
  const state = parseResponse(PullRequestResponse, response.data, doing).mergeable_state ?? 'unknown';
  if (MERGEABLE_STATES.has(state)) return { state, mergeableIgnoringSluice: true };
  if (state === 'blocked') return { state, mergeableIgnoringSluice: await othersPass(client, pr.repo, options) };
  return { state, mergeableIgnoringSluice: false };
}
