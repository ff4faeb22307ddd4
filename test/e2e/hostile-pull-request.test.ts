/**
 * A hostile pull request against the App started as `npm start` does: SQL models that read the server's
 * files and environment, and a CDKTF app that hunts for the server's secrets in /proc, prints them in every
 * encoding and writes outside its folder. Nothing of it may reach GitHub, and the PR is told what was refused.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TargetConfig } from '../../src/engines/target-warehouse.ts';
import { openTargetWarehouse } from '../../src/main/open-target-warehouse.ts';
import { createSqlEngine } from '../../src/engines/sql/create-sql-engine.ts';
import { deployMain, NOW, seedSources } from '../integration/sql-engine/sql-engine-kit.ts';
import { eventually, startAppProcess, type AppProcess } from './app-process.ts';
import { INSTALLED_PACKAGES, linkInstalledPackages } from './cdktf-repo.ts';
import { createFakeGitHub, type FakeGitHub } from './fake-github.ts';
import { createGitOrigin, type GitOrigin } from './git-origin.ts';
import { SLUG, TEST_PRIVATE_KEY, WEBHOOK_SECRET } from './harness.ts';
import { shopRepoFiles } from './shop-repo.ts';
import { pullRequestPayload, type RepoSpec } from './webhook-payloads.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const TARGET: TargetConfig = { type: 'duckdb', path: 'warehouse.duckdb', allow_local_apply: true, name: 'default' };
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';
const WAREHOUSE_PASSWORD = 'Pg-Passw0rd-Hunter22';
const SECRETS = {
  WEBHOOK_SECRET,
  AWS_SECRET_ACCESS_KEY: AWS_SECRET,
  WAREHOUSE_PASSWORD,
  'an installation token': 'ghs_installationtoken0000000000000000000',
  'a line of the private key': TEST_PRIVATE_KEY.split('\n')[5]!,
};
const PASSWD_LINE = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!; // root:x:0:0:…

/** Every form a leaked value could take in a comment. */
function encodings(value: string): Record<string, string> {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return {
    plain: value,
    spaced: value.split('').join(' '),
    base64: b64(value).replace(/=+$/, ''),
    'base64 (shifted)': b64(`x${value}`).slice(4, -4),
    hex: Buffer.from(value).toString('hex'),
    'url-encoded': encodeURIComponent(value),
  };
}

describe('a hostile pull request', { timeout: 300_000 }, () => {
  let origin: GitOrigin;
  let github: FakeGitHub;
  let dataDir: string;
  let app: AppProcess;
  let everything = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sluice-e2e-hostile-'));
    const engine = createSqlEngine({ clock: { now: () => NOW }, openWarehouse: openTargetWarehouse({ dataDir, env: {} }) });
    const w = await openTargetWarehouse({ dataDir, env: {} })(TARGET);
    await seedSources(w);
    await w.close();
    await deployMain(engine, TARGET);
    const lake = join(FIXTURES, 'cdktf', 'repo-base', 'infra', 'lake');
    origin = await createGitOrigin({
      ...shopRepoFiles(),
      'sluice.yaml': 'version: 1\nprojects:\n  - name: shop\n    kind: sql\n    dir: shop\n  - name: lake\n    kind: cdktf\n    dir: infra/lake\n    target: lake\n',
      'infra/lake/cdktf.json': readFileSync(join(lake, 'cdktf.json'), 'utf8'),
      'infra/lake/main.ts': readFileSync(join(lake, 'main.ts'), 'utf8'),
      'infra/lake/package.json': `${JSON.stringify({ name: 'lake', private: true, type: 'module' })}\n`,
    });
    await linkInstalledPackages(origin, 'infra/lake');
    const repo: RepoSpec = { fullName: 'acme/analytics', cloneUrl: origin.bareDir, defaultBranch: 'main', installationId: 42 };
    github = await createFakeGitHub({ repo: repo.fullName, cloneUrl: repo.cloneUrl, defaultBranch: 'main', botLogin: `${SLUG}[bot]` });
    app = await startAppProcess({
      github,
      dataDir,
      serverConfig: {
        targets: {
          default: { type: 'duckdb', path: 'warehouse.duckdb', allow_local_apply: true },
          warehouse: { type: 'postgres', url_env: 'WAREHOUSE_URL' },
          lake: { type: 'terraform', env: ['AWS_SECRET_ACCESS_KEY'] },
        },
        automerge: false,
        // The lake app's committed node_modules link points at this repo's installed packages (see cdktf-repo.ts).
        cdktf: { packages_dirs: [INSTALLED_PACKAGES] },
      },
      env: { AWS_SECRET_ACCESS_KEY: AWS_SECRET, WAREHOUSE_URL: `postgres://sluice:${WAREHOUSE_PASSWORD}@127.0.0.1:5432/none` },
    });

    rmSync('/tmp/sluice-hostile-was-here', { force: true });
    const headSha = await origin.commit('mallory/innocent', {
      'shop/models/marts/leak_passwd.sql': "select 2 as id, content as v from read_text('/etc/passwd')\n",
      'shop/models/marts/leak_passwd.yaml': 'grain: [id]\n',
      'shop/models/marts/leak_base64.sql': "select 3 as id, to_base64(content::blob) as v from read_text('/etc/passwd')\n",
      'shop/models/marts/leak_base64.yaml': 'grain: [id]\n',
      'shop/models/marts/leak_env.sql': "select 4 as id, getenv('WEBHOOK_SECRET') as v\n",
      'shop/models/marts/leak_env.yaml': 'grain: [id]\n',
      'infra/lake/main.ts': readFileSync(join(FIXTURES, 'hostile', 'leaky-cdktf-main.ts'), 'utf8'),
    });
    github.openPull({ number: 13, user: 'mallory', head: { sha: headSha, ref: 'mallory/innocent' }, base: { sha: await origin.sha('main'), ref: 'main' } });
    await app.deliver('pull_request', pullRequestPayload('opened', repo, { number: 13, author: 'mallory', headSha, headRef: 'mallory/innocent', baseSha: await origin.sha('main') }));
    const done = (name: string) => github.checkRun(name, headSha)?.status === 'completed';
    await eventually('both plans complete', () => done('sluice/plan: shop') && done('sluice/plan: lake'), { log: app.log, seconds: 180 });
    await eventually('the summary is posted', () => (github.summary(13) ?? '').includes('`lake`'), { log: app.log });
    everything = JSON.stringify([...github.state.comments.values(), ...github.state.checkRuns.values(), github.state.statuses]);
  });
  afterAll(async () => {
    await app?.stop();
    expect(app?.strayRequests).toEqual([]);
    expect(github?.state.unexpected).toEqual([]);
    await github?.close();
    origin?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('posts no secret of the server, in any encoding, anywhere on GitHub', () => {
    const leaks = Object.entries(SECRETS).flatMap(([name, secret]) =>
      Object.entries(encodings(secret)).filter(([, form]) => everything.includes(form)).map(([encoding]) => `${name} (${encoding})`));
    expect(leaks).toEqual([]);
  });

  it("posts nothing of the server's files", () => {
    const leaks = Object.entries(encodings(PASSWD_LINE)).filter(([, form]) => everything.includes(form)).map(([encoding]) => encoding);
    expect(leaks).toEqual([]);
  });

  it("keeps the CDKTF app's writes inside its sandbox: nothing in the checkout, the data dir or /tmp", () => {
    const checkouts = readdirSync(dataDir, { recursive: true, encoding: 'utf8' });
    expect(checkouts.filter((path) => path.endsWith('OWNED.txt') || path.endsWith('poisoned.json'))).toEqual([]);
    expect(existsSync('/tmp/sluice-hostile-was-here')).toBe(false);
    expect(github.state.checkRuns.size).toBeGreaterThan(0);
  });

  it('says, at the model, that reading server files is not allowed in a pull-request build', () => {
    const summary = github.summary(13) ?? '';
    expect(summary).toMatch(/shop\/models\/marts\/leak_passwd\.sql:1:\d+/);
    expect(summary).toContain('reading server files is not allowed in a pull-request build');
  });
});
