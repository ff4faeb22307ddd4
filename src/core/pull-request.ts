/** The slice of a pull request the core reasons about; filled by the code host adapter. */
export type PullRequestRef = {
  /** `owner/name`. */
  readonly repo: string;
  readonly number: number;
};

export type PullRequest = PullRequestRef & {
  readonly installationId?: number;
  readonly author: string;
  readonly headSha: string;
  readonly baseSha: string;
  readonly baseRef: string;
  /** The repository's default branch: trusted config is read from it. */
  readonly defaultBranch: string;
  readonly headRef: string;
  readonly cloneUrl: string;
  readonly draft: boolean;
  readonly fromFork: boolean;
  readonly state: 'open' | 'closed';
  readonly merged: boolean;
};

export function prKey(pr: PullRequestRef): string {
  return `${pr.repo}#${pr.number}`;
}
