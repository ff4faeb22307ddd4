import { Octokit } from '@octokit/rest';
import examples from '@octokit/webhooks-examples';
import nock from 'nock';
import type { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { createGitHubCodeHost, type GitHubClient } from '../../src/adapters/github/github-code-host.ts';
import { AppError } from '../../src/core/outcome.ts';
import { CHECK_RUN_LIMIT } from '../../src/render/render-check-run.ts';
import { COMMENT_LIMIT, splitComment } from '../../src/render/split-comment.ts';
import type { Annotation } from '../../src/core/plan.ts';
import { useStrictNock } from '../strict-nock.ts';

useStrictNock();

// Probot's context.octokit must satisfy the adapter's parameter type (checked by tsc).
export const probotOctokitFits = (octokit: InstanceType<typeof ProbotOctokit>): GitHubClient => octokit;

const API = 'https://api.github.com';
const REPO = 'Codertocat/Hello-World';
const PR = { repo: REPO, number: 2 };
const NOW = new Date('2024-05-01T12:00:00.000Z');
const MARKER = '<!-- sluice:summary -->';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const host = (baseUrl = API) => createGitHubCodeHost(new Octokit({ auth: 'test-token', baseUrl, log: silent }), { clock: { now: () => NOW } });

function example(name: string, index = 0): Record<string, unknown> {
  const definition = (examples as unknown as Array<{ name: string; examples: unknown[] }>).find((d) => d.name === name);
  return structuredClone(definition?.examples[index] as unknown as Record<string, unknown>);
}

/** A real pull request object (webhook payloads carry the same shape as `GET /pulls/{n}`). */
function pullRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(example('pull_request').pull_request as Record<string, unknown>), ...overrides };
}

function comment(id: number, body: string): Record<string, unknown> {
  return { ...(example('issue_comment').comment as Record<string, unknown>), id, body };
}

function checkRun(id: number): Record<string, unknown> {
  return { ...(example('check_run').check_run as Record<string, unknown>), id };
}

function review(id: number, login: string | null, state: string, commitId = 'c'.repeat(40)): Record<string, unknown> {
  const base = example('pull_request_review').review as Record<string, unknown>;
  return { ...base, id, state, commit_id: commitId, user: login === null ? null : { ...(base.user as object), login } };
}

const api = () => nock(API);
const notFound = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' };

describe('getPullRequest', () => {
  it('maps a real pull request', async () => {
    api().get(`/repos/${REPO}/pulls/2`).reply(200, pullRequest());
    expect(await host().getPullRequest(PR)).toEqual({
      repo: REPO, number: 2, author: 'Codertocat', headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      baseSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e', headRef: 'changes', baseRef: 'master', defaultBranch: 'master',
      cloneUrl: 'https://github.com/Codertocat/Hello-World.git', draft: false, fromFork: false, state: 'open', merged: false,
    });
  });

  it('marks a fork, or a deleted head repository, as fromFork', async () => {
    const base = pullRequest();
    const head = base.head as { repo: Record<string, unknown> };
    api().get(`/repos/${REPO}/pulls/2`).reply(200, { ...base, head: { ...head, repo: { ...head.repo, full_name: 'evil/Hello-World' } } });
    api().get(`/repos/${REPO}/pulls/2`).reply(200, { ...base, head: { ...head, repo: null } });
    expect((await host().getPullRequest(PR)).fromFork).toBe(true);
    expect((await host().getPullRequest(PR)).fromFork).toBe(true);
  });

  it('wraps API errors and malformed responses as AppError github_api', async () => {
    api().get(`/repos/${REPO}/pulls/2`).reply(502, { message: 'Server Error' });
    api().get(`/repos/${REPO}/pulls/2`).reply(200, { number: 2 });
    const failed = await host().getPullRequest(PR).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AppError);
    expect(failed).toMatchObject({ code: 'github_api', message: expect.stringMatching(/^reading Codertocat\/Hello-World#2: HTTP 502: /) });
    expect((failed as AppError).cause).toMatchObject({ status: 502 });
    await expect(host().getPullRequest(PR)).rejects.toMatchObject({ code: 'github_api', message: expect.stringContaining('unexpected response') });
  });
});

describe('upsertStickyComment', () => {
  const comments = `/repos/${REPO}/issues/2/comments`;
  const update = (id: number, body: string) => api().patch(`/repos/${REPO}/issues/comments/${id}`, { body });

  it('without known ids and no earlier comment: lists every page, then creates', async () => {
    api().get(comments).query({ per_page: 100 })
      .reply(200, [comment(1, 'hello')], { link: `<${API}/repositories/1/issues/2/comments?per_page=100&page=2>; rel="next"` });
    api().get('/repositories/1/issues/2/comments').query({ per_page: 100, page: 2 }).reply(200, [comment(2, 'lgtm')]);
    api().post(comments, { body: `${MARKER}\nplan: 1 to add` }).reply(201, comment(10, `${MARKER}\nplan: 1 to add`));
    expect(await host().upsertStickyComment(PR, { marker: MARKER, parts: ['plan: 1 to add'], knownIds: [] })).toEqual([10]);
  });

  it('without known ids: adopts comments that start with the marker, oldest first, and deletes the surplus', async () => {
    api().get(comments).query({ per_page: 100 })
      .reply(200, [comment(7, `${MARKER}\nold 2`), comment(3, 'unrelated'), comment(5, `${MARKER}\nold 1`), comment(9, `> ${MARKER} quoted`)]);
    update(5, `${MARKER}\nnew`).reply(200, comment(5, `${MARKER}\nnew`));
    api().delete(`/repos/${REPO}/issues/comments/7`).reply(204);
    expect(await host().upsertStickyComment(PR, { marker: MARKER, parts: [`${MARKER}\nnew`], knownIds: [] })).toEqual([5]);
  });

  it('adopts only the bot\'s own comments when told who the bot is', async () => {
    api().get(comments).query({ per_page: 100 })
      .reply(200, [{ ...comment(4, `${MARKER}\nforged`), user: { login: 'mallory' } }, { ...comment(6, `${MARKER}\nmine`), user: { login: 'sluice[bot]' } }]);
    update(6, `${MARKER}\nnew`).reply(200, comment(6, `${MARKER}\nnew`));
    expect(await host().upsertStickyComment(PR, { marker: MARKER, parts: [`${MARKER}\nnew`], knownIds: [], author: 'sluice[bot]' })).toEqual([6]);
  });

  it('on a PR just opened: creates without listing comments', async () => {
    api().post(comments, { body: `${MARKER} first` }).reply(201, comment(30, `${MARKER} first`));
    expect(await host().upsertStickyComment(PR, { marker: MARKER, parts: [`${MARKER} first`], knownIds: [], searchExisting: false })).toEqual([30]);
  });

  it('with known ids and as many parts: exactly one call per part', async () => {
    update(11, `${MARKER} part 1`).reply(200, comment(11, `${MARKER} part 1`));
    update(12, `${MARKER} part 2`).reply(200, comment(12, `${MARKER} part 2`));
    const ids = await host().upsertStickyComment(PR, { marker: MARKER, parts: [`${MARKER} part 1`, `${MARKER} part 2`], knownIds: [11, 12] });
    expect(ids).toEqual([11, 12]);
  });

  it('recreates a comment a user deleted (404 on update)', async () => {
    update(11, `${MARKER} a`).reply(404, notFound);
    api().post(comments, { body: `${MARKER} a` }).reply(201, comment(20, `${MARKER} a`));
    update(12, `${MARKER} b`).reply(200, comment(12, `${MARKER} b`));
    expect(await host().upsertStickyComment(PR, { marker: MARKER, parts: [`${MARKER} a`, `${MARKER} b`], knownIds: [11, 12] })).toEqual([20, 12]);
  });

  it('grows: updates the known comments and creates the extra parts', async () => {
    update(11, `${MARKER} a`).reply(200, comment(11, `${MARKER} a`));
    api().post(comments, { body: `${MARKER} b` }).reply(201, comment(30, `${MARKER} b`));
    expect(await host().upsertStickyComment(PR, { marker: MARKER, parts: [`${MARKER} a`, `${MARKER} b`], knownIds: [11] })).toEqual([11, 30]);
  });

  it('shrinks: deletes leftover comments, ignoring ones already gone', async () => {
    update(11, `${MARKER} a`).reply(200, comment(11, `${MARKER} a`));
    api().delete(`/repos/${REPO}/issues/comments/12`).reply(204);
    api().delete(`/repos/${REPO}/issues/comments/13`).reply(404, notFound);
    expect(await host().upsertStickyComment(PR, { marker: MARKER, parts: [`${MARKER} a`], knownIds: [11, 12, 13] })).toEqual([11]);
  });

  it('splits a part longer than GitHub allows (as redaction may make it) into several comments', async () => {
    const long = `${MARKER}\n${Array.from({ length: 1_500 }, (_, i) => `- line ${i} ${'x'.repeat(60)}`).join('\n')}`;
    const expected = splitComment(long, { marker: MARKER });
    expect(expected.length).toBe(2);
    update(11, expected[0]!).reply(200, comment(11, expected[0]!));
    api().post(comments, { body: expected[1]! }).reply(201, comment(31, expected[1]!));
    expect(await host().upsertStickyComment(PR, { marker: MARKER, parts: [long], knownIds: [11] })).toEqual([11, 31]);
    expect(expected.every((part) => part.length <= COMMENT_LIMIT)).toBe(true);
  });

  it('fails with the step named when an update fails for another reason', async () => {
    update(11, `${MARKER} a`).reply(403, { message: 'Resource not accessible by integration' });
    await expect(host().upsertStickyComment(PR, { marker: MARKER, parts: [`${MARKER} a`], knownIds: [11] }))
      .rejects.toMatchObject({ code: 'github_api', message: expect.stringMatching(/^updating comment 11 on Codertocat\/Hello-World#2: HTTP 403/) });
  });
});

describe('comments and reactions', () => {
  it('posts a comment and reacts to one', async () => {
    api().post(`/repos/${REPO}/issues/2/comments`, { body: 'Planned.' }).reply(201, comment(40, 'Planned.'));
    api().post(`/repos/${REPO}/issues/comments/41/reactions`, { content: 'eyes' })
      .reply(201, { id: 1, node_id: 'MDg6UmVhY3Rpb24x', user: { login: 'sluice[bot]' }, content: 'eyes', created_at: '2024-05-01T12:00:00Z' });
    expect(await host().postComment(PR, 'Planned.')).toBe(40);
    await host().react(PR, 41, 'eyes');
  });
});

function annotations(count: number): Annotation[] {
  return Array.from({ length: count }, (_, i) => ({
    location: { file: `models/m${i}.sql`, line: i + 1 }, level: 'warning', title: `t${i}`, message: `m${i}`,
  }));
}

function githubAnnotations(from: number, to: number) {
  return Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    return { path: `models/m${i}.sql`, start_line: i + 1, end_line: i + 1, annotation_level: 'warning', title: `t${i}`, message: `m${i}` };
  });
}

describe('check runs', () => {
  const runs = `/repos/${REPO}/check-runs`;

  it('creates an in-progress run with output, mapped annotations and at most three actions', async () => {
    const action = (n: number) => ({ label: `Apply ${n}`, description: 'Apply this plan', identifier: `apply-${n}` });
    api().post(runs, {
      name: 'sluice/analytics', head_sha: 'a'.repeat(40), external_id: 'plan-1', status: 'in_progress', started_at: NOW.toISOString(),
      actions: [action(1), action(2), action(3)],
      output: {
        title: 'Planning', summary: 'Planning…',
        annotations: [{ path: 'models/orders.sql', start_line: 3, end_line: 5, annotation_level: 'failure', title: 'Binder Error', message: 'column "amt" not found' }],
      },
    }).reply(201, checkRun(77));
    const id = await host().createCheckRun(REPO, {
      name: 'sluice/analytics', headSha: 'a'.repeat(40), externalId: 'plan-1', status: 'in_progress', title: 'Planning', summary: 'Planning…',
      actions: [action(1), action(2), action(3), action(4)],
      annotations: [{ location: { file: 'models/orders.sql', line: 3, endLine: 5 }, level: 'failure', title: 'Binder Error', message: 'column "amt" not found' }],
    });
    expect(id).toBe(77);
  });

  it('creates a queued run without output', async () => {
    api().post(runs, { name: 'sluice/analytics', head_sha: 'a'.repeat(40), external_id: 'plan-1', status: 'queued' }).reply(201, checkRun(78));
    expect(await host().createCheckRun(REPO, { name: 'sluice/analytics', headSha: 'a'.repeat(40), externalId: 'plan-1', status: 'queued' })).toBe(78);
  });

  it('sends annotations beyond 50 in further updates, repeating the output', async () => {
    const output = { title: '120 warnings', summary: 'See annotations', text: 'details' };
    api().patch(`${runs}/77`, {
      status: 'completed', conclusion: 'neutral', completed_at: NOW.toISOString(), output: { ...output, annotations: githubAnnotations(0, 50) },
    }).reply(200, checkRun(77));
    api().patch(`${runs}/77`, { output: { ...output, annotations: githubAnnotations(50, 100) } }).reply(200, checkRun(77));
    api().patch(`${runs}/77`, { output: { ...output, annotations: githubAnnotations(100, 120) } }).reply(200, checkRun(77));
    await host().updateCheckRun(REPO, 77, { status: 'completed', conclusion: 'neutral', ...output, annotations: annotations(120) });
  });

  it("lists a commit's latest check runs, reading GitHub's waiting states as queued", async () => {
    const sha = 'a'.repeat(40);
    api().get(`/repos/${REPO}/commits/${sha}/check-runs`).query({ filter: 'latest', per_page: 100 }).reply(200, {
      total_count: 3,
      check_runs: [
        { ...checkRun(1), name: 'sluice/plan: analytics', status: 'queued', conclusion: null, external_id: 'acme/x#1:plan:analytics' },
        { ...checkRun(2), name: 'sluice/plan: lake', status: 'waiting', conclusion: null, external_id: '' },
        { ...checkRun(3), name: 'ci', status: 'completed', conclusion: 'success', external_id: null },
      ],
    });
    expect(await host().listCheckRuns(REPO, sha)).toEqual([
      { id: 1, name: 'sluice/plan: analytics', status: 'queued', externalId: 'acme/x#1:plan:analytics' },
      { id: 2, name: 'sluice/plan: lake', status: 'queued' },
      { id: 3, name: 'ci', status: 'completed' },
    ]);
  });

  it('cuts a summary and a text longer than GitHub allows (as redaction may make them)', async () => {
    const long = Array.from({ length: 1_200 }, (_, i) => `line ${i} ${'y'.repeat(60)}`).join('\n');
    let output: { summary: string; text: string } | undefined;
    api().patch(`${runs}/77`, (body: { output: { summary: string; text: string } }) => {
      output = body.output;
      return true;
    }).reply(200, checkRun(77));
    await host().updateCheckRun(REPO, 77, { status: 'completed', conclusion: 'success', title: 'Planned', summary: long, text: long });
    expect(output?.summary.length).toBeLessThanOrEqual(CHECK_RUN_LIMIT);
    expect(output?.text.length).toBeLessThanOrEqual(CHECK_RUN_LIMIT);
    expect(output?.summary.endsWith('_(truncated: too long for a check run)_')).toBe(true);
  });

  it('wraps a failed update', async () => {
    api().patch(`${runs}/77`).reply(422, { message: 'Validation Failed' });
    await expect(host().updateCheckRun(REPO, 77, { status: 'in_progress' }))
      .rejects.toMatchObject({ code: 'github_api', message: expect.stringMatching(/^updating check run 77 in Codertocat\/Hello-World: HTTP 422/) });
  });
});

describe('commit statuses, reviews, teams, merge', () => {
  it('sets a commit status', async () => {
    api().post(`/repos/${REPO}/statuses/${'a'.repeat(40)}`, {
      context: 'sluice/plan', state: 'success', description: 'd'.repeat(140), target_url: 'https://sluice.example.com/runs/1',
    }).reply(201, { ...example('status'), id: 1 });
    await host().setCommitStatus(REPO, 'a'.repeat(40), { context: 'sluice/plan', state: 'success', description: 'd'.repeat(200), targetUrl: 'https://sluice.example.com/runs/1' });
  });

  it('lists reviews across pages and keeps the one that counts per user', async () => {
    api().get(`/repos/${REPO}/pulls/2/reviews`).query({ per_page: 100 }).reply(200, [
      review(1, 'alice', 'CHANGES_REQUESTED', 'a'.repeat(40)), review(2, 'bob', 'APPROVED', 'a'.repeat(40)), review(3, null, 'APPROVED'),
    ], { link: `<${API}/repositories/1/pulls/2/reviews?per_page=100&page=2>; rel="next"` });
    api().get('/repositories/1/pulls/2/reviews').query({ per_page: 100, page: 2 }).reply(200, [
      review(4, 'alice', 'APPROVED', 'b'.repeat(40)), review(5, 'alice', 'COMMENTED', 'c'.repeat(40)), review(6, 'carol', 'COMMENTED'),
      review(7, 'bob', 'DISMISSED', 'a'.repeat(40)), review(8, 'dave', 'PENDING'),
    ]);
    expect(await host().listReviews(PR)).toEqual([
      { user: 'alice', state: 'APPROVED', commitId: 'b'.repeat(40) },
      { user: 'bob', state: 'DISMISSED', commitId: 'a'.repeat(40) },
      { user: 'carol', state: 'COMMENTED', commitId: 'c'.repeat(40) },
    ]);
  });

  it('treats only active team membership as membership', async () => {
    const membership = (user: string) => api().get(`/orgs/acme/teams/data-platform/memberships/${user}`);
    membership('alice').reply(200, { url: `${API}/teams/1/memberships/alice`, role: 'member', state: 'active' });
    membership('bob').reply(200, { url: `${API}/teams/1/memberships/bob`, role: 'member', state: 'pending' });
    membership('eve').reply(404, notFound);
    membership('mallory').reply(500, { message: 'Server Error' });
    const team = (user: string) => host().isTeamMember({ org: 'acme', team: 'data-platform', user });
    expect([await team('alice'), await team('bob'), await team('eve')]).toEqual([true, false, false]);
    await expect(team('mallory')).rejects.toMatchObject({ code: 'github_api' });
  });

  it('merges at the planned sha with the method asked for', async () => {
    api().put(`/repos/${REPO}/pulls/2/merge`, { sha: 'a'.repeat(40), merge_method: 'squash' })
      .reply(200, { sha: 'd'.repeat(40), merged: true, message: 'Pull Request successfully merged' });
    api().put(`/repos/${REPO}/pulls/2/merge`).reply(409, { message: 'Head branch was modified. Review and try the merge again.' });
    await host().merge(PR, { sha: 'a'.repeat(40), method: 'squash' });
    await expect(host().merge(PR, { sha: 'a'.repeat(40), method: 'merge' }))
      .rejects.toMatchObject({ code: 'github_api', message: expect.stringContaining(`merging ${REPO}#2 at ${'a'.repeat(40)}: HTTP 409`) });
  });
});

describe('getMergeability', () => {
  const sha = 'e'.repeat(40);
  const pulls = (state: string) => api().get(`/repos/${REPO}/pulls/2`).reply(200, pullRequest({ mergeable_state: state }));
  const statuses = (list: Array<[string, string]>) => api().get(`/repos/${REPO}/commits/${sha}/status`).query({ per_page: 100 })
    .reply(200, { state: 'pending', sha, total_count: list.length, statuses: list.map(([context, state], id) => ({ id, context, state, description: null, target_url: null })) });
  const checks = (list: Array<[string, string, string | null]>) => api().get(`/repos/${REPO}/commits/${sha}/check-runs`).query({ filter: 'latest', per_page: 100 })
    .reply(200, { total_count: list.length, check_runs: list.map(([name, status, conclusion], i) => ({ ...checkRun(i), name, status, conclusion })) });
  const ask = () => host().getMergeability(PR, { headSha: sha, ownContexts: ['Sluice: analytics'] });

  it.each(['clean', 'unstable', 'has_hooks'])('%s is mergeable without further calls', async (state) => {
    pulls(state);
    expect(await ask()).toEqual({ state, mergeableIgnoringSluice: true });
  });

  it.each(['dirty', 'behind', 'draft', 'unknown'])('%s is not mergeable', async (state) => {
    pulls(state);
    expect(await ask()).toEqual({ state, mergeableIgnoringSluice: false });
  });

  it('blocked only by Sluice’s own statuses and checks is mergeable ignoring Sluice', async () => {
    pulls('blocked');
    statuses([['ci/build', 'success'], ['sluice/plan', 'pending'], ['sluice/apply', 'failure']]);
    checks([['lint', 'completed', 'success'], ['docs', 'completed', 'skipped'], ['Sluice: analytics', 'in_progress', null]]);
    expect(await ask()).toEqual({ state: 'blocked', mergeableIgnoringSluice: true });
  });

  it('blocked by another failing status or an unfinished check is not', async () => {
    pulls('blocked');
    statuses([['ci/build', 'failure']]);
    checks([['lint', 'completed', 'success']]);
    pulls('blocked');
    statuses([['ci/build', 'success']]);
    checks([['lint', 'in_progress', null]]);
    expect(await ask()).toEqual({ state: 'blocked', mergeableIgnoringSluice: false });
    expect(await ask()).toEqual({ state: 'blocked', mergeableIgnoringSluice: false });
  });
});

describe('GitHub Enterprise Server', () => {
  it('talks to the configured base URL', async () => {
    const ghe = 'https://ghe.example.com/api/v3';
    nock('https://ghe.example.com').get(`/api/v3/repos/${REPO}/pulls/2`)
      .reply(200, pullRequest({ base: { ...(pullRequest().base as object), repo: { ...((pullRequest().base as { repo: object }).repo), clone_url: 'https://ghe.example.com/Codertocat/Hello-World.git' } } }));
    nock('https://ghe.example.com').post(`/api/v3/repos/${REPO}/issues/2/comments`, { body: 'hi' }).reply(201, comment(5, 'hi'));
    const github = host(ghe);
    expect((await github.getPullRequest(PR)).cloneUrl).toBe('https://ghe.example.com/Codertocat/Hello-World.git');
    expect(await github.postComment(PR, 'hi')).toBe(5);
  });
});
