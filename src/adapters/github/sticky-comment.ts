import { z } from 'zod';
import { prKey, type PullRequestRef } from '../../core/pull-request.ts';
import { callGitHub, isNotFound, issueParams, parseResponse, splitRepo, toGitHubError, type GitHubClient } from './github-client.ts';
import { CommentResponse, IdResponse } from './schema.ts';
import { splitComment } from '../../render/split-comment.ts';

export type StickyCommentOptions = { marker: string; parts: readonly string[]; knownIds: readonly number[]; author?: string; searchExisting?: boolean };

/** Every part starts with the marker, so a later run without stored ids can find (adopt) the comments. */
function withMarker(marker: string, part: string): string {
  return part.startsWith(marker) ? part : `${marker}\n${part}`;
}

export async function createComment(client: GitHubClient, pr: PullRequestRef, body: string): Promise<number> {
  const doing = `commenting on ${prKey(pr)}`;
  const response = await callGitHub(doing, () => client.rest.issues.createComment({ ...issueParams(pr), body }));
  return parseResponse(IdResponse, response.data, doing).id;
}

/** Ids of the PR's comments whose body starts with `marker`, oldest first. */
async function findMarkedComments(client: GitHubClient, pr: PullRequestRef, marker: string, author?: string): Promise<number[]> {
  const doing = `listing comments of ${prKey(pr)}`;
  const data = await callGitHub(doing, () => client.paginate(client.rest.issues.listComments, { ...issueParams(pr), per_page: 100 }));
  const comments = parseResponse(z.array(CommentResponse), data, doing);
  return comments
    .filter((c) => c.body?.startsWith(marker) === true && (author === undefined || c.user?.login === author))
    .map((c) => c.id)
    .sort((a, b) => a - b);
}

/** Edits a comment in place; when a user deleted it (404), posts a new one instead. */
async function updateOrCreate(client: GitHubClient, pr: PullRequestRef, commentId: number, body: string): Promise<number> {
  try {
    await client.rest.issues.updateComment({ ...splitRepo(pr.repo), comment_id: commentId, body });
    return commentId;
  } catch (error) {
    if (isNotFound(error)) return createComment(client, pr, body);
    throw toGitHubError(`updating comment ${commentId} on ${prKey(pr)}`, error);
  }
}

async function deleteIfPresent(client: GitHubClient, pr: PullRequestRef, commentId: number): Promise<void> {
  try {
    await client.rest.issues.deleteComment({ ...splitRepo(pr.repo), comment_id: commentId });
  } catch (error) {
    if (!isNotFound(error)) throw toGitHubError(`deleting comment ${commentId} on ${prKey(pr)}`, error);
  }
}

/**
 * Posts or edits the comments for `marker`, one per part, and returns their ids in part order. A part longer than
 * GitHub's 65,536 characters is split into several (`splitComment`), so a caller may pass the whole comment as one part.
 * With `knownIds` and as many parts, this is exactly one API call per part; without ids, the PR's comments are
 * listed once to adopt those that start with the marker. Surplus old comments are deleted.
 */
export async function upsertStickyComment(client: GitHubClient, pr: PullRequestRef, options: StickyCommentOptions): Promise<number[]> {
  const { marker, knownIds } = options;
  // Split here, after the redacting wrapper (redacting-code-host.ts), since redaction can lengthen a part. A part within the limit is kept as is.
  const parts = options.parts.flatMap((part) => splitComment(withMarker(marker, part), { marker }));
  const existing =
    knownIds.length > 0 ? [...knownIds] : options.searchExisting === false ? [] : await findMarkedComments(client, pr, marker, options.author);
  const ids: number[] = [];
  for (const [index, part] of parts.entries()) {
    const body = withMarker(marker, part);
    const id = existing[index];
    ids.push(id === undefined ? await createComment(client, pr, body) : await updateOrCreate(client, pr, id, body));
  }
  for (const id of existing.slice(parts.length)) await deleteIfPresent(client, pr, id);
  return ids;
}
