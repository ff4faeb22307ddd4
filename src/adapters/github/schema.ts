import { z } from 'zod';

/** Slices of GitHub REST responses the adapter depends on; everything else is ignored. */

const RepoSlice = z.object({ full_name: z.string(), clone_url: z.string() });

export const PullRequestResponse = z.object({
  number: z.number().int(),
  state: z.enum(['open', 'closed']),
  draft: z.boolean().optional(),
  merged: z.boolean().nullish(),
  merged_at: z.string().nullish(),
  mergeable_state: z.string().optional(),
  user: z.object({ login: z.string() }).nullable(),
  head: z.object({ sha: z.string(), ref: z.string(), repo: RepoSlice.nullable() }),
  base: z.object({ sha: z.string(), ref: z.string(), repo: RepoSlice.extend({ default_branch: z.string() }) }),
});
export type PullRequestResponse = z.infer<typeof PullRequestResponse>;

export const CommentResponse = z.object({ id: z.number().int(), body: z.string().optional(), user: z.object({ login: z.string() }).nullable().optional() });
export type CommentResponse = z.infer<typeof CommentResponse>;

export const IdResponse = z.object({ id: z.number().int() });

export const ReviewResponse = z.object({
  id: z.number().int(),
  user: z.object({ login: z.string() }).nullable(),
  state: z.string(),
  commit_id: z.string().nullable(),
  submitted_at: z.string().optional(),
});
export type ReviewResponse = z.infer<typeof ReviewResponse>;

export const TeamMembershipResponse = z.object({ state: z.string() });

export const CombinedStatusResponse = z.object({
  state: z.string(),
  statuses: z.array(z.object({ context: z.string(), state: z.string() })),
});
export type CombinedStatusResponse = z.infer<typeof CombinedStatusResponse>;

export const CheckRunSlice = z.object({
  name: z.string(),
  status: z.string(),
  conclusion: z.string().nullable(),
});
export type CheckRunSlice = z.infer<typeof CheckRunSlice>;

export const ListedCheckRun = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending']),
  external_id: z.string().nullish(),
});
