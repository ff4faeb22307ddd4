/**
 * The App started as `npm start` starts it, configured for GitHub Enterprise Server through GHE_HOST and
 * GHE_PROTOCOL, talking over real sockets to a local HTTP server standing in for GitHub. Any request to
 * another host (api.github.com included) is caught by a trap proxy and fails the test.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TargetConfig } from '../../src/engines/target-warehouse.ts';
import { openTargetWarehouse } from '../../src/main/open-target-warehouse.ts';
import { createSqlEngine } from '../../src/engines/sql/create-sql-engine.ts';
import type { Warehouse } from '../../src/ports/warehouse.ts';
import { deployMain, FIXTURE, NOW, seedSources } from '../integration/sql-engine/sql-engine-kit.ts';
import { eventually, startAppProcess, type AppProcess } from './app-process.ts';
import { createFakeGitHub, type FakeGitHub } from './fake-github.ts';
import { createGitOrigin, type GitOrigin } from './git-origin.ts';
import { SLUG } from './harness.ts';
import { ORDERS_MODEL, shopRepoFiles, withShopWarehouse } from './shop-repo.ts';
import { issueCommentPayload, pullRequestPayload, type PullSpec, type RepoSpec } from './webhook-payloads.ts';

const TARGET: TargetConfig = { type: 'duckdb', path: 'warehouse.duckdb', allow_local_apply: true, name: 'default' };
const SERVER_CONFIG = { targets: { default: { type: 'duckdb', path: 'warehouse.duckdb', allow_local_apply: true } }, automerge: false };

describe('the App on GitHub Enterprise Server, started as `npm start` does', { timeout: 240_000 }, () => {
  let origin: GitOrigin;
  let github: FakeGitHub;
  let dataDir: string;
  let app: AppProcess | undefined;
  let repo: RepoSpec;
  let comments = 9000;

  const withWarehouse = <T>(use: (w: Warehouse) => Promise<T>): Promise<T> => withShopWarehouse(dataDir, use);
  const start = async () => (app = await startAppProcess({ github, dataDir, serverConfig: SERVER_CONFIG }));
  const open = async (pull: PullSpec) => {
    github.openPull({ number: pull.number, user: pull.author, head: { sha: pull.headSha, ref: pull.headRef }, base: { sha: pull.baseSha, ref: 'main' } });
    expect(await app!.deliver('pull_request', pullRequestPayload('opened', repo, pull))).toBe(200);
  };
  const comment = async (number: number, body: string, user: string) =>
    expect(await app!.deliver('issue_comment', issueCommentPayload(repo, { number, body, user, commentId: comments++ }))).toBe(200);
  const planRun = (sha: string) => github.checkRun('sluice/plan: shop', sha);

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sluice-e2e-ghe-'));
    const engine = createSqlEngine({ clock: { now: () => NOW }, openWarehouse: openTargetWarehouse({ dataDir, env: {} }) });
    await withWarehouse(seedSources);
    await deployMain(engine, TARGET);
    origin = await createGitOrigin(shopRepoFiles());
    repo = { fullName: 'acme/analytics', cloneUrl: origin.bareDir, defaultBranch: 'main', installationId: 42 };
    github = await createFakeGitHub({ repo: repo.fullName, cloneUrl: repo.cloneUrl, defaultBranch: 'main', botLogin: `${SLUG}[bot]` });
  });
  afterEach(async () => {
    await app?.stop();
    expect(app?.strayRequests).toEqual([]);
    expect(github.state.unexpected).toEqual([]);
    app = undefined;
    await github.close();
    origin.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('plans, applies and cleans up a PR with every GitHub call, the token exchange included, on the configured host', async () => {
    await start();
    const original = readFileSync(join(FIXTURE, 'models/marts/orders.sql'), 'utf8');
    const headSha = await origin.commit('dana/no-returns', { [ORDERS_MODEL]: original.replace("where o.status <> 'cancelled'", "where o.status not in ('cancelled', 'returned')") });
    const pull: PullSpec = { number: 7, author: 'dana', headSha, headRef: 'dana/no-returns', baseSha: await origin.sha('main') };
    await open(pull);

    await eventually('the plan check run completes', () => planRun(headSha)?.status === 'completed', { log: app!.log });
    expect(planRun(headSha)?.statusHistory[0]).toBe('queued');
    await eventually('the summary comment is posted', () => github.summary(7) !== undefined, { log: app!.log });
    expect(github.summary(7)).toContain('| `marts.orders` | 🔴 breaking: `status` filter changed |');
    // The installation token was exchanged at the GHE host and used for every API call.
    const exchanges = github.state.calls.filter((c) => c.path === '/app/installations/42/access_tokens');
    expect(exchanges.length).toBeGreaterThan(0);
    expect(exchanges.every((c) => c.authorization?.startsWith('bearer '))).toBe(true);
    expect(github.apiCalls().every((c) => c.authorization === 'token ghs_installationtoken0000000000000000000')).toBe(true);

    github.addTeamMember('acme/analytics', 'olivia');
    await comment(7, 'sluice approve_policies', 'olivia');
    github.approve(7, 'priya', headSha);
    await comment(7, 'sluice apply', 'dana');
    await eventually('the apply check run succeeds', () => github.checkRun('sluice/apply: shop')?.conclusion === 'success', { log: app!.log });
    await eventually('the summary says production was built', () => (github.summary(7) ?? '').includes('3 models built in production, in one transaction'), { log: app!.log });

    Object.assign(github.state.pulls.get(7)!, { state: 'closed', merged: true });
    expect(await app!.deliver('pull_request', pullRequestPayload('closed', repo, { ...pull, merged: true }))).toBe(200);
    await eventually('the clean-up job has run', () => app!.log().split('\n').some((l) => l.includes('"type":"closed"') && l.includes('"msg":"job finished"')), { log: app!.log });
    await app!.stop();
    expect(await withWarehouse(async (w) => (await w.query("SELECT head_sha FROM _sluice.sql_deployments WHERE model = 'marts.orders'"))[0]?.['head_sha'])).toBe(headSha);
    expect(await withWarehouse(async (w) => (await w.query("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '%__pr_7'")).length)).toBe(0);
  });

  it('after a crash mid-plan, the restarted App completes the open check run and says the run was cut off', async () => {
    await start();
    // A model that keeps the PR build busy long enough to kill the process under it.
    const headSha = await origin.commit('dana/slow', { 'shop/models/marts/slow_count.sql': 'select count(*) as n from range(1000000000000) a\n' });
    await open({ number: 8, author: 'dana', headSha, headRef: 'dana/slow', baseSha: await origin.sha('main') });
    await eventually('the plan shows progress', () => planRun(headSha)?.status === 'in_progress', { log: app!.log });

    await app!.crash();
    expect(planRun(headSha)?.status).toBe('in_progress');
    await start();
    await eventually('the restarted App completes the check run', () => planRun(headSha)?.status === 'completed', { log: app!.log });
    expect(planRun(headSha)?.conclusion).toBe('cancelled');
    await eventually('the PR is told', () => github.replies(8).some((r) => r.includes('Interrupted')), { log: app!.log });
    expect(github.replies(8).at(-1)).toMatch(/Sluice restarted while running the automatic plan for @dana; it was stopped and not retried/);
  });
});
