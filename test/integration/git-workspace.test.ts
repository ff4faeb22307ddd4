import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authEnv, remoteUrl } from '../../src/adapters/git/git-inputs.ts';
import { createGitWorkspace } from '../../src/adapters/git/git-workspace.ts';
import { createKeyedMutex } from '../../src/adapters/git/keyed-mutex.ts';
import { AppError } from '../../src/core/outcome.ts';
import type { PullRequest } from '../../src/core/pull-request.ts';
import type { Workspace } from '../../src/ports/workspace.ts';

const AUTHOR = ['user.name=Test', 'user.email=test@example.com', 'commit.gpgsign=false', 'init.defaultBranch=main'];

let tmp: string;
let origin: string;
let work: SimpleGit;
let workDir: string;
let rootDir: string;
let workspace: Workspace;

async function commit(files: Record<string, string | null>, message: string): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    const file = join(workDir, path);
    if (content === null) {
      await work.raw(['rm', '--quiet', path]);
      continue;
    }
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
    await work.add(path);
  }
  await work.commit(message);
  return (await work.revparse(['HEAD'])).trim();
}

async function push(ref: string, target = ref): Promise<void> {
  await work.raw(['push', '--quiet', '--force', 'origin', `${ref}:${target}`]);
}

let mainSha: string;
let featureSha: string;

function pullRequest(overrides: Partial<PullRequest> = {}): PullRequest {
  return {
    repo: 'acme/warehouse', number: 7, author: 'alice', headSha: featureSha, baseSha: mainSha, baseRef: 'main', defaultBranch: 'main',
    headRef: 'feature', cloneUrl: origin, draft: false, fromFork: false, state: 'open', merged: false, ...overrides,
  };
}

let template: string;

/** Builds origin (main + feature) once; every test gets its own copy. */
beforeAll(async () => {
  template = await mkdtemp(join(tmpdir(), 'sluice-git-template-'));
  await simpleGit({ config: AUTHOR }).raw(['init', '--quiet', '--bare', join(template, 'origin.git')]);
  workDir = join(template, 'work');
  await mkdir(workDir);
  work = simpleGit({ baseDir: workDir, config: AUTHOR });
  await work.raw(['init', '--quiet', '--initial-branch=main']);
  await work.addRemote('origin', '../origin.git');
  mainSha = await commit({ 'sluice.yaml': 'version: 1\n', 'models/a.sql': 'select 1\n', 'models/b.sql': 'select 2\n' }, 'main');
  await push('main');
  await work.checkoutLocalBranch('feature');
  featureSha = await commit({ 'models/a.sql': 'select 10\n', 'models/b.sql': null, 'models/c.sql': 'select 2\n', 'models/new.sql': 'select 3\n' }, 'feature');
  await push('feature');
});

afterAll(async () => {
  await rm(template, { recursive: true, force: true });
});

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sluice-git-'));
  await cp(template, tmp, { recursive: true });
  origin = join(tmp, 'origin.git');
  workDir = join(tmp, 'work');
  rootDir = join(tmp, 'workspaces');
  work = simpleGit({ baseDir: workDir, config: AUTHOR });
  workspace = createGitWorkspace({ rootDir });
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const text = (path: string) => readFile(path, 'utf8');

function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version']).status === 0;
}

/** An https server on 127.0.0.1 with a throwaway certificate, recording the Authorization headers it receives. */
async function httpsOrigin(): Promise<{ server: Server; url: string; authorizations: string[] }> {
  const [key, cert] = [join(tmp, 'key.pem'), join(tmp, 'cert.pem')];
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key,
    '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
  expect(made.status).toBe(0);
  const authorizations: string[] = [];
  const server = createServer({ key: await readFile(key), cert: await readFile(cert) }, (request, response) => {
    authorizations.push(request.headers.authorization ?? '');
    response.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, authorizations };
}

describe('checkout', () => {
  it('checks out head and merge base, lists changed files (renames both sides), reads trusted files', async () => {
    const checkout = await workspace.checkout(pullRequest(), { defaultBranch: 'main' });
    expect(checkout.headDir).toBe(join(rootDir, 'acme', 'warehouse', 'pr-7', 'head'));
    expect(checkout.baseDir).toBe(join(rootDir, 'acme', 'warehouse', 'pr-7', 'base'));
    expect(checkout).toMatchObject({ headSha: featureSha, baseSha: mainSha, undiverged: true });
    expect(await text(join(checkout.headDir, 'models/a.sql'))).toBe('select 10\n');
    expect(await text(join(checkout.baseDir, 'models/a.sql'))).toBe('select 1\n');
    expect(existsSync(join(checkout.baseDir, 'models/c.sql'))).toBe(false);
    expect(checkout.changedFiles).toEqual(['models/a.sql', 'models/b.sql', 'models/c.sql', 'models/new.sql']);
    expect(await checkout.readFromDefaultBranch('sluice.yaml')).toBe('version: 1\n');
    expect(await checkout.readFromDefaultBranch('./models/c.sql')).toBeUndefined();
    expect(await checkout.readFromDefaultBranch('models')).toBeUndefined();
    expect(await checkout.readHeadFile('models/c.sql')).toBe('select 2\n');
    expect(await checkout.readHeadFile('missing.yaml')).toBeUndefined();
    expect((await checkout.listHeadFiles()).sort()).toEqual(['models/a.sql', 'models/c.sql', 'models/new.sql', 'sluice.yaml']);
  });

  it('sees a diverged head after main moves on, and new pushes on re-checkout', async () => {
    await workspace.checkout(pullRequest(), { defaultBranch: 'main' });
    await work.checkout('main');
    await commit({ 'sluice.yaml': 'version: 1\nprojects: []\n' }, 'main moves');
    await push('main');
    const diverged = await workspace.checkout(pullRequest(), { defaultBranch: 'main' });
    expect(diverged).toMatchObject({ undiverged: false, baseSha: mainSha });
    expect(await diverged.readFromDefaultBranch('sluice.yaml')).toBe('version: 1\nprojects: []\n');

    await work.checkout('feature');
    await work.merge(['--quiet', '--no-edit', 'main']);
    const merged = await commit({ 'models/a.sql': 'select 11\n' }, 'feature again');
    await push('feature');
    const updated = await workspace.checkout(pullRequest({ headSha: merged }), { defaultBranch: 'main' });
    expect(updated.undiverged).toBe(true);
    expect(updated.baseSha).not.toBe(mainSha);
    expect(await text(join(updated.headDir, 'models/a.sql'))).toBe('select 11\n');
    expect(await text(join(updated.baseDir, 'sluice.yaml'))).toBe('version: 1\nprojects: []\n');
    expect(updated.changedFiles).toEqual(['models/a.sql', 'models/b.sql', 'models/c.sql', 'models/new.sql']);
  });

  it('fetches refs/pull/<n>/head when the origin has it (GitHub), else the commit itself', async () => {
    await push('feature', 'refs/pull/7/head');
    const viaPullRef = await workspace.checkout(pullRequest({ headRef: 'deleted-branch' }), { defaultBranch: 'main' });
    expect(await text(join(viaPullRef.headDir, 'models/new.sql'))).toBe('select 3\n');
    expect((await simpleGit(viaPullRef.headDir).revparse(['refs/remotes/origin/pull/7/head'])).trim()).toBe(featureSha);

    const hidden = await commit({ 'models/hidden.sql': 'select 4\n' }, 'only reachable from a hidden ref');
    await push('feature', 'refs/hidden/x');
    const viaSha = await workspace.checkout(pullRequest({ number: 8, headSha: hidden, headRef: 'gone' }), { defaultBranch: 'main' });
    expect(viaSha.changedFiles).toContain('models/hidden.sql');
  });

  it('fails with a git AppError when the head commit is nowhere on origin', async () => {
    const failed = await workspace.checkout(pullRequest({ headSha: 'f'.repeat(40) }), { defaultBranch: 'main' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AppError);
    expect(failed).toMatchObject({ code: 'git', message: expect.stringMatching(/^checking out acme\/warehouse#7: .*not found on origin/) });
  });

  it('reads only regular files from git objects, never through symlinks', async () => {
    await work.checkout('feature');
    await symlink('/etc/hostname', join(workDir, 'link.yaml'));
    await work.add('link.yaml');
    const withLink = await commit({}, 'symlink');
    await push('feature');
    const checkout = await workspace.checkout(pullRequest({ headSha: withLink }), { defaultBranch: 'main' });
    expect(await checkout.readHeadFile('link.yaml')).toBeUndefined();
    await expect(checkout.readHeadFile('../outside')).rejects.toMatchObject({ code: 'git' });
  });

  it('serializes concurrent operations on one PR', async () => {
    const [a, b] = await Promise.all([
      workspace.checkout(pullRequest(), { defaultBranch: 'main' }),
      workspace.checkout(pullRequest(), { defaultBranch: 'main' }),
    ]);
    expect(a.headSha).toBe(featureSha);
    expect(b.changedFiles).toEqual(a.changedFiles);
  });

  it('discard removes the working trees; a later checkout starts over', async () => {
    const checkout = await workspace.checkout(pullRequest(), { defaultBranch: 'main' });
    await workspace.discard(pullRequest());
    expect(existsSync(dirname(checkout.headDir))).toBe(false);
    const again = await workspace.checkout(pullRequest(), { defaultBranch: 'main' });
    expect(await text(join(again.baseDir, 'models/b.sql'))).toBe('select 2\n');
  });
});

describe('inputs and credentials', () => {
  it('never writes a token into .git/config', async () => {
    const token = 'ghs_secretsecretsecret';
    const checkout = await workspace.checkout(pullRequest(), { defaultBranch: 'main', token });
    expect(await text(join(checkout.headDir, '.git', 'config'))).not.toContain(token);

    const https = pullRequest({ number: 9, cloneUrl: `https://x-access-token:${token}@127.0.0.1:9/acme/warehouse.git` });
    const failed = await workspace.checkout(https, { defaultBranch: 'main', token }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: 'git' });
    expect(String((failed as Error).message)).not.toContain(token);
    const config = await text(join(rootDir, 'acme', 'warehouse', 'pr-9', 'head', '.git', 'config'));
    expect(config).toContain('url = https://127.0.0.1:9/acme/warehouse.git');
    expect(config).not.toContain(token);
  });

  it.skipIf(!hasOpenssl())('sends the token to an https origin as a Basic auth header', async () => {
    const { server, url, authorizations } = await httpsOrigin();
    const previous = process.env.GIT_SSL_CAINFO;
    process.env.GIT_SSL_CAINFO = join(tmp, 'cert.pem');
    try {
      const failed = await workspace.checkout(pullRequest({ cloneUrl: `${url}/acme/warehouse.git` }), { defaultBranch: 'main', token: 'ghs_abc' }).catch((e: unknown) => e);
      expect(failed).toMatchObject({ code: 'git' });
      expect(authorizations).toContain(`Basic ${Buffer.from('x-access-token:ghs_abc').toString('base64')}`);
    } finally {
      if (previous === undefined) delete process.env.GIT_SSL_CAINFO;
      else process.env.GIT_SSL_CAINFO = previous;
      server.close();
    }
  });

  it('passes the token as an https-only auth header through the environment', () => {
    const remote = remoteUrl('https://user:pw@ghe.example.com/acme/warehouse.git');
    expect(remote).toBe('https://ghe.example.com/acme/warehouse.git');
    expect(authEnv(remote, 'ghs_t')).toEqual({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.https://ghe.example.com/.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${Buffer.from('x-access-token:ghs_t').toString('base64')}`,
    });
    expect(authEnv('http://ghe.example.com/a/b.git', 'ghs_t')).toEqual({});
    expect(authEnv(origin, 'ghs_t')).toEqual({});
  });

  it.each([
    ['head branch', { headRef: '--upload-pack=touch /tmp/pwned' }],
    ['base branch', { baseRef: 'main..evil' }],
    ['repository', { repo: '../escape' }],
    ['head sha', { headSha: 'HEAD~1' }],
    ['clone URL', { cloneUrl: 'ext::sh -c touch% /tmp/pwned' }],
  ])('rejects an unsafe %s before running git', async (_what, overrides) => {
    await expect(workspace.checkout(pullRequest(overrides), { defaultBranch: 'main' })).rejects.toMatchObject({ code: 'git' });
    expect(existsSync(rootDir)).toBe(false);
  });
});

describe('keyed mutex', () => {
  it('runs tasks of one key in order, other keys in parallel, and survives failures', async () => {
    const mutex = createKeyedMutex();
    const events: string[] = [];
    const task = (name: string, ms: number, fail = false) => async () => {
      events.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([mutex.run('a', task('a1', 20, true)), mutex.run('a', task('a2', 1)), mutex.run('b', task('b1', 5))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(events).toEqual(['start a1', 'start b1', 'end b1', 'end a1', 'start a2', 'end a2']);
  });
});
