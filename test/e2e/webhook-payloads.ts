import examples from '@octokit/webhooks-examples' with { type: 'json' };

/**
 * Real webhook payloads from @octokit/webhooks-examples, re-pointed at the test repository and PR.
 * Only the fields that identify the repo, PR, commits and people are changed; the rest stays GitHub's.
 */
type Json = Record<string, any>;

export type PullSpec = { number: number; author: string; headSha: string; baseSha: string; headRef: string; draft?: boolean; fork?: boolean; merged?: boolean };
export type RepoSpec = { fullName: string; cloneUrl: string; defaultBranch: string; installationId: number };

function example(event: string, action: string): Json {
  const group = (examples as unknown as Array<{ name: string; examples: Json[] }>).find((g) => g.name === event);
  const found = group?.examples.find((e) => e['action'] === action);
  if (!found) throw new Error(`no ${event}.${action} example in @octokit/webhooks-examples`);
  return structuredClone(found);
}

function patchRepo(payload: Json, repo: RepoSpec): void {
  const [owner, name] = repo.fullName.split('/');
  Object.assign(payload['repository'], { full_name: repo.fullName, name, clone_url: repo.cloneUrl, default_branch: repo.defaultBranch });
  payload['repository'].owner.login = owner;
  payload['installation'] = { id: repo.installationId, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
}

export function pullRequestPayload(action: string, repo: RepoSpec, pull: PullSpec, sender = pull.author): Json {
  const payload = example('pull_request', action === 'synchronize' || action === 'closed' || action === 'reopened' ? action : 'opened');
  payload['action'] = action;
  patchRepo(payload, repo);
  const pr = payload['pull_request'];
  Object.assign(pr, { number: pull.number, draft: pull.draft ?? false, state: action === 'closed' ? 'closed' : 'open', merged: pull.merged ?? false });
  pr.user.login = pull.author;
  Object.assign(pr.head, { sha: pull.headSha, ref: pull.headRef });
  pr.head.repo = { ...payload['repository'], full_name: pull.fork ? `${pull.author}/${repo.fullName.split('/')[1]}` : repo.fullName };
  Object.assign(pr.base, { sha: pull.baseSha, ref: repo.defaultBranch });
  pr.base.repo = { ...payload['repository'] };
  payload['number'] = pull.number;
  payload['sender'].login = sender;
  return payload;
}

export function issueCommentPayload(repo: RepoSpec, options: { number: number; body: string; user: string; commentId: number; association?: string; action?: string }): Json {
  const payload = example('issue_comment', options.action ?? 'created');
  patchRepo(payload, repo);
  payload['issue'].number = options.number;
  payload['issue'].pull_request = { url: `https://api.github.com/repos/${repo.fullName}/pulls/${options.number}` };
  Object.assign(payload['comment'], { id: options.commentId, body: options.body, author_association: options.association ?? 'MEMBER' });
  payload['comment'].user = { ...payload['comment'].user, login: options.user, type: 'User' };
  payload['sender'] = { ...payload['sender'], login: options.user, type: 'User' };
  return payload;
}

export function checkRunActionPayload(repo: RepoSpec, options: { number: number; checkRunId: number; name: string; headSha: string; identifier: string; user: string }): Json {
  const payload = example('check_run', 'requested_action');
  patchRepo(payload, repo);
  Object.assign(payload['check_run'], { id: options.checkRunId, name: options.name, head_sha: options.headSha, pull_requests: [{ number: options.number, id: 1, url: '', head: {}, base: {} }] });
  payload['requested_action'] = { identifier: options.identifier };
  payload['sender'].login = options.user;
  return payload;
}
