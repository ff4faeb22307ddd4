import { z } from 'zod';
import { prKey, type PullRequestRef } from '../../core/pull-request.ts';
import type { Review } from '../../ports/code-host.ts';
import { callGitHub, parseResponse, pullParams, type GitHubClient } from './github-client.ts';
import { ReviewResponse } from './schema.ts';

const REVIEW_STATES = new Set<string>(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING']);

function isReviewState(state: string): state is Review['state'] {
  return REVIEW_STATES.has(state);
}

/**
 * The review that counts for each user, as GitHub counts it: the latest one, except that a later plain comment
 * (`COMMENTED`) does not replace an approval, a change request or a dismissal. Pending (unsubmitted) reviews are ignored.
 */
export function latestReviewPerUser(reviews: readonly ReviewResponse[]): Review[] {
  const byUser = new Map<string, Review>();
  for (const r of [...reviews].sort((a, b) => a.id - b.id)) {
    const state = r.state.toUpperCase();
    if (r.user === null || !isReviewState(state) || state === 'PENDING') continue;
    const previous = byUser.get(r.user.login);
    if (state === 'COMMENTED' && previous !== undefined && previous.state !== 'COMMENTED') continue;
    byUser.set(r.user.login, { user: r.user.login, state, commitId: r.commit_id ?? '' });
  }
  return [...byUser.values()];
}

export async function listReviews(client: GitHubClient, pr: PullRequestRef): Promise<Review[]> {
  const doing = `listing reviews of ${prKey(pr)}`;
  const data = await callGitHub(doing, () => client.paginate(client.rest.pulls.listReviews, { ...pullParams(pr), per_page: 100 }));
  return latestReviewPerUser(parseResponse(z.array(ReviewResponse), data, doing));
}
