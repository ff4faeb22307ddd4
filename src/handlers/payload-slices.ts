import { z } from 'zod';
import type { PullRequest } from '../core/pull-request.ts';

/** The parts of GitHub webhook payloads Sluice reads, validated at the boundary. */

const Repo = z.object({ full_name: z.string(), clone_url: z.string(), default_branch: z.string(), owner: z.object({ login: z.string() }), name: z.string() });
const User = z.object({ login: z.string(), type: z.string().optional() });

export const PullRequestSlice = z.object({
  number: z.number().int().positive(),
  state: z.enum(['open', 'closed']),
  draft: z.boolean().optional().default(false),
  merged: z.boolean().nullable().optional(),
  user: User,
  head: z.object({ sha: z.string(), ref: z.string(), repo: z.object({ full_name: z.string() }).nullable() }),
  base: z.object({ sha: z.string(), ref: z.string(), repo: Repo }),
});

export const PullRequestEvent = z.object({
  action: z.string(),
  installation: z.object({ id: z.number() }).optional(),
  sender: User,
  repository: Repo,
  pull_request: PullRequestSlice,
});
export type PullRequestEvent = z.infer<typeof PullRequestEvent>;

export const IssueCommentEvent = z.object({
  action: z.string(),
  installation: z.object({ id: z.number() }).optional(),
  sender: User,
  repository: Repo,
  issue: z.object({ number: z.number().int().positive(), pull_request: z.object({ url: z.string() }).nullable().optional() }),
  comment: z.object({ id: z.number(), body: z.string().nullable(), user: User, author_association: z.string() }),
});
export type IssueCommentEvent = z.infer<typeof IssueCommentEvent>;

export const CheckRunEvent = z.object({
  action: z.string(),
  installation: z.object({ id: z.number() }).optional(),
  sender: User,
  repository: Repo,
  requested_action: z.object({ identifier: z.string() }).nullable().optional(),
  check_run: z.object({
    id: z.number(),
    name: z.string(),
    head_sha: z.string(),
    external_id: z.string().nullable().optional(),
    pull_requests: z.array(z.object({ number: z.number() })),
  }),
});
export type CheckRunEvent = z.infer<typeof CheckRunEvent>;

/** The PullRequest the core works with, from a pull_request event (no API call needed). */
export function toPullRequest(event: PullRequestEvent): PullRequest {
  const pr = event.pull_request;
  return {
    repo: event.repository.full_name,
    number: pr.number,
    installationId: event.installation?.id,
    author: pr.user.login,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    baseRef: pr.base.ref,
    headRef: pr.head.ref,
    defaultBranch: event.repository.default_branch,
    cloneUrl: event.repository.clone_url,
    draft: pr.draft,
    fromFork: pr.head.repo === null || pr.head.repo.full_name !== pr.base.repo.full_name,
    state: pr.state,
    merged: pr.merged === true,
  };
}
