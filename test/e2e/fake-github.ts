import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * GitHub's REST API as a real HTTP server on loopback, backed by a little state, so end-to-end tests can
 * follow a PR conversation over real sockets: comments, check runs, statuses, reviews, team membership,
 * merge. It answers under `/api/v3` as GitHub Enterprise Server does, so the App is pointed at it with
 * `GHE_HOST`/`GHE_PROTOCOL` (or Probot's `baseUrl`). Every request is recorded in `calls`; a request to a
 * route this fake does not know is recorded in `unexpected` (tests assert it stays empty) and answered 501.
 * `failNext` makes a route answer an error a number of times (GitHub having a bad minute).
 */
export type Call = { method: string; path: string; body: unknown; authorization?: string };

export type FakeComment = { id: number; issue: number; body: string; user: string };
export type FakeCheckRun = { id: number; name: string; head_sha: string; external_id?: string; status: string; conclusion?: string; output?: { title?: string; summary?: string; text?: string; annotations?: unknown[] }; actions?: unknown[]; statusHistory: string[] };
export type FakeStatus = { sha: string; context: string; state: string; description: string };
export type FakeReview = { user: string; state: string; commit_id: string };

export type FakePull = {
  number: number;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  mergeable_state: string;
  user: string;
  head: { sha: string; ref: string };
  base: { sha: string; ref: string };
  /** The head lives in the author's fork. */
  fork?: boolean;
};

export type FakeGitHub = Awaited<ReturnType<typeof createFakeGitHub>>;

/** What GitHub holds; survives an app restart in tests. */
export type FakeState = ReturnType<typeof newState>;

function newState() {
  return {
    calls: [] as Call[],
    unexpected: [] as Call[],
    comments: new Map<number, FakeComment>(),
    checkRuns: new Map<number, FakeCheckRun>(),
    statuses: [] as FakeStatus[],
    reviews: new Map<number, FakeReview[]>(),
    pulls: new Map<number, FakePull>(),
    teams: new Map<string, Set<string>>(),
    reactions: [] as { commentId: number; content: string }[],
    merges: [] as { number: number; sha: string; method: string }[],
    /** Planned errors: the next `times` requests matching method and path get `status`. */
    faults: [] as { method: string; path: RegExp; status: number; times: number }[],
    nextId: 1000,
  };
}


export async function createFakeGitHub(options: { repo: string; cloneUrl: string; defaultBranch: string; botLogin: string; state?: FakeState }) {
  const state: FakeState = options.state ?? newState();
  const [owner, name] = options.repo.split('/') as [string, string];
  const repoPath = `/repos/${owner}/${name}`;

  const routes: Array<[string, RegExp, (m: RegExpExecArray, body: any) => [number, unknown]]> = [
    ['POST', /^\/app\/installations\/(\d+)\/access_tokens$/, () => [201, { token: 'ghs_installationtoken0000000000000000000', expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: 'all' }]],
    ['GET', re(`${repoPath}/pulls/(\\d+)`), (m) => pullJson(Number(m[1]))],
    ['GET', re(`${repoPath}/issues/(\\d+)/comments`), (m) => [200, [...state.comments.values()].filter((c) => c.issue === Number(m[1])).map(commentJson)]],
    ['POST', re(`${repoPath}/issues/(\\d+)/comments`), (m, body) => {
      const c = { id: state.nextId++, issue: Number(m[1]), body: body.body, user: options.botLogin };
      state.comments.set(c.id, c);
      return [201, commentJson(c)];
    }],
    ['PATCH', re(`${repoPath}/issues/comments/(\\d+)`), (m, body) => {
      const c = state.comments.get(Number(m[1]));
      if (!c) return [404, { message: 'Not Found' }];
      c.body = body.body;
      return [200, commentJson(c)];
    }],
    ['DELETE', re(`${repoPath}/issues/comments/(\\d+)`), (m) => (state.comments.delete(Number(m[1])) ? [204, ''] : [404, { message: 'Not Found' }])],
    ['POST', re(`${repoPath}/issues/comments/(\\d+)/reactions`), (m, body) => {
      state.reactions.push({ commentId: Number(m[1]), content: body.content });
      return [201, { id: state.nextId++, content: body.content }];
    }],
    ['POST', re(`${repoPath}/check-runs`), (_m, body) => {
      const run: FakeCheckRun = { id: state.nextId++, name: body.name, head_sha: body.head_sha, external_id: body.external_id, status: body.status ?? 'queued', conclusion: body.conclusion, output: body.output, actions: body.actions, statusHistory: [body.status ?? 'queued'] };
      state.checkRuns.set(run.id, run);
      return [201, checkRunJson(run)];
    }],
    ['PATCH', re(`${repoPath}/check-runs/(\\d+)`), (m, body) => {
      const run = state.checkRuns.get(Number(m[1]));
      if (!run) return [404, { message: 'Not Found' }];
      Object.assign(run, { status: body.status ?? run.status, conclusion: body.conclusion ?? run.conclusion, output: body.output ?? run.output, actions: body.actions ?? run.actions });
      run.statusHistory.push(run.status);
      return [200, checkRunJson(run)];
    }],
    ['POST', re(`${repoPath}/statuses/([0-9a-f]+)`), (m, body) => {
      state.statuses.push({ sha: m[1]!, context: body.context, state: body.state, description: body.description });
      return [201, { id: state.nextId++, state: body.state, context: body.context }];
    }],
    ['GET', re(`${repoPath}/pulls/(\\d+)/reviews`), (m) => [200, (state.reviews.get(Number(m[1])) ?? []).map((r, i) => ({ id: i + 1, user: { login: r.user, type: 'User' }, state: r.state, commit_id: r.commit_id, body: '', submitted_at: '2026-11-24T00:00:00Z' }))]],
    ['GET', /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/, (m) => (state.teams.get(`${m[1]}/${m[2]}`)?.has(m[3]!) ? [200, { state: 'active', role: 'member', url: '' }] : [404, { message: 'Not Found' }])],
    ['GET', re(`${repoPath}/commits/([^/]+)/status`), (m) => [200, { state: 'success', sha: m[1], total_count: 0, statuses: [] }]],
    ['GET', re(`${repoPath}/commits/([^/]+)/check-runs`), (m) => {
      const runs = [...state.checkRuns.values()].filter((r) => r.head_sha === m[1]).map(checkRunJson);
      return [200, { total_count: runs.length, check_runs: runs }];
    }],
    ['PUT', re(`${repoPath}/pulls/(\\d+)/merge`), (m, body) => {
      const pull = state.pulls.get(Number(m[1]));
      if (!pull) return [404, { message: 'Not Found' }];
      pull.merged = true;
      pull.state = 'closed';
      state.merges.push({ number: pull.number, sha: body.sha, method: body.merge_method });
      return [200, { sha: 'f'.repeat(40), merged: true, message: 'Pull Request successfully merged' }];
    }],
  ];

  function pullJson(number: number): [number, unknown] {
    const p = state.pulls.get(number);
    if (!p) return [404, { message: 'Not Found' }];
    const repo = { full_name: options.repo, name, owner: { login: owner }, clone_url: options.cloneUrl, default_branch: options.defaultBranch };
    return [200, {
      number: p.number, state: p.state, draft: p.draft, merged: p.merged, mergeable: p.mergeable_state !== 'dirty', mergeable_state: p.mergeable_state,
      user: { login: p.user, type: 'User' },
      head: { sha: p.head.sha, ref: p.head.ref, repo: p.fork ? { ...repo, full_name: `${p.user}/${name}` } : repo },
      base: { sha: p.base.sha, ref: p.base.ref, repo },
    }];
  }

  function commentJson(c: FakeComment) {
    return { id: c.id, body: c.body, user: { login: c.user, type: 'Bot' }, html_url: `https://github.com/${options.repo}/pull/${c.issue}#issuecomment-${c.id}`, created_at: '2026-11-24T00:00:00Z', updated_at: '2026-11-24T00:00:00Z' };
  }

  function checkRunJson(run: FakeCheckRun) {
    return { id: run.id, name: run.name, head_sha: run.head_sha, external_id: run.external_id ?? null, status: run.status, conclusion: run.conclusion ?? null, app: { id: 1, slug: 'sluice-test' }, html_url: `https://github.com/${options.repo}/runs/${run.id}` };
  }

  function re(path: string): RegExp {
    return new RegExp(`^${path}$`);
  }

  function answer(method: string, url: string, body: unknown, authorization: string | undefined): [number, unknown] {
    const path = new URL(url, 'http://fake').pathname.replace(/^\/api\/v3/, '');
    const call: Call = { method, path, body, ...(authorization === undefined ? {} : { authorization }) };
    const fault = state.faults.find((f) => f.times > 0 && f.method === method && f.path.test(path));
    if (fault) {
      fault.times--;
      state.calls.push(call);
      return [fault.status, { message: `fake GitHub answers ${fault.status} (planned fault)` }];
    }
    const route = routes.find(([m, pattern]) => m === method && pattern.test(path));
    if (!route) {
      state.unexpected.push(call);
      return [501, { message: `fake GitHub has no route for ${method} ${path}` }];
    }
    state.calls.push(call);
    return route[2](route[1].exec(path)!, body);
  }

  const server: Server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const body = raw.length > 0 ? JSON.parse(raw) : undefined;
      const [status, json] = answer(req.method ?? 'GET', req.url ?? '/', body, req.headers.authorization);
      const text = status === 204 ? '' : JSON.stringify(json);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-github-media-type': 'github.v3; format=json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    state,
    /** `host:port` for GHE_HOST (with GHE_PROTOCOL=http). */
    host,
    /** The REST base URL, as Probot derives it from GHE_HOST. */
    baseUrl: `http://${host}/api/v3`,
    /** The next `times` requests to `method path` answer `status`. */
    failNext(method: string, path: RegExp, options: { status?: number; times?: number } = {}) {
      state.faults.push({ method, path, status: options.status ?? 502, times: options.times ?? 1 });
    },
    /** API calls since the last `resetCalls()`, without the installation token exchange. */
    apiCalls: () => state.calls.filter((c) => !c.path.startsWith('/app/')),
    resetCalls: () => {
      state.calls.length = 0;
    },
    openPull(p: Omit<FakePull, 'state' | 'merged' | 'draft' | 'mergeable_state'> & Partial<FakePull>) {
      state.pulls.set(p.number, { state: 'open', merged: false, draft: false, mergeable_state: 'clean', ...p });
    },
    approve(number: number, user: string, commitId: string) {
      state.reviews.set(number, [...(state.reviews.get(number) ?? []), { user, state: 'APPROVED', commit_id: commitId }]);
    },
    addTeamMember(team: string, user: string) {
      state.teams.set(team, new Set([...(state.teams.get(team) ?? []), user]));
    },
    /** The PR's sticky summary comment (joined parts). */
    summary(number: number): string | undefined {
      const parts = [...state.comments.values()].filter((c) => c.issue === number && c.body.includes('<!-- sluice:summary'));
      return parts.length ? parts.map((c) => c.body).join('\n') : undefined;
    },
    /** Replies (non-summary comments) on a PR, in order. */
    replies(number: number): string[] {
      return [...state.comments.values()].filter((c) => c.issue === number && !c.body.includes('<!-- sluice:summary')).map((c) => c.body);
    },
    checkRun(name: string, headSha?: string): FakeCheckRun | undefined {
      return [...state.checkRuns.values()].reverse().find((r) => r.name === name && (headSha === undefined || r.head_sha === headSha));
    },
    status(sha: string, context = 'sluice/apply'): FakeStatus | undefined {
      return [...state.statuses].reverse().find((s) => s.sha === sha && s.context === context);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
