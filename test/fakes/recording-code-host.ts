import type { PullRequest, PullRequestRef } from '../../src/core/pull-request.ts';
import type { CheckRunInfo, CheckRunUpdate, CodeHost, CommitState, Mergeability, Reaction, Review } from '../../src/ports/code-host.ts';

/** One call the fake received, with the arguments as they arrived. */
export type RecordedCall =
  | { method: 'upsertStickyComment'; pr: PullRequestRef; marker: string; parts: readonly string[]; knownIds: readonly number[] }
  | { method: 'postComment'; pr: PullRequestRef; body: string }
  | { method: 'react'; pr: PullRequestRef; commentId: number; reaction: Reaction }
  | { method: 'createCheckRun'; repo: string; run: { name: string; headSha: string; externalId: string } & CheckRunUpdate }
  | { method: 'updateCheckRun'; repo: string; checkRunId: number; update: CheckRunUpdate }
  | { method: 'setCommitStatus'; repo: string; sha: string; status: { context: string; state: CommitState; description: string; targetUrl?: string } }
  | { method: 'merge'; pr: PullRequestRef; options: { sha: string; method: 'merge' | 'squash' | 'rebase' } };

export type RecordingCodeHost = CodeHost & {
  /** Every write, in order. */
  readonly calls: RecordedCall[];
  /** What the reads answer; tests set them. */
  pullRequest: PullRequest;
  checkRuns: CheckRunInfo[];
  reviews: Review[];
  teamMembers: Set<string>;
  mergeability: Mergeability;
};

/** An in-memory CodeHost that records every write and answers reads from plain fields. */
export function createRecordingCodeHost(pullRequest: PullRequest): RecordingCodeHost {
  let nextId = 1;
  const host: RecordingCodeHost = {
    calls: [],
    pullRequest,
    checkRuns: [],
    reviews: [],
    teamMembers: new Set(),
    mergeability: { state: 'clean', mergeableIgnoringSluice: true },
    getPullRequest: async () => host.pullRequest,
    async upsertStickyComment(pr, options) {
      host.calls.push({ method: 'upsertStickyComment', pr, marker: options.marker, parts: options.parts, knownIds: options.knownIds });
      return options.parts.map((_part, i) => options.knownIds[i] ?? nextId++);
    },
    async postComment(pr, body) {
      host.calls.push({ method: 'postComment', pr, body });
      return nextId++;
    },
    async react(pr, commentId, reaction) {
      host.calls.push({ method: 'react', pr, commentId, reaction });
    },
    async createCheckRun(repo, run) {
      host.calls.push({ method: 'createCheckRun', repo, run });
      return nextId++;
    },
    async updateCheckRun(repo, checkRunId, update) {
      host.calls.push({ method: 'updateCheckRun', repo, checkRunId, update });
    },
    listCheckRuns: async () => host.checkRuns,
    async setCommitStatus(repo, sha, status) {
      host.calls.push({ method: 'setCommitStatus', repo, sha, status });
    },
    listReviews: async () => host.reviews,
    isTeamMember: async ({ org, team, user }) => host.teamMembers.has(`${org}/${team}:${user}`),
    getMergeability: async () => host.mergeability,
    async merge(pr, options) {
      host.calls.push({ method: 'merge', pr, options });
    },
  };
  return host;
}
