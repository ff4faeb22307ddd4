/**
 * Failure messages read as one chain of what was being done (ARCHITECTURE.md § 6.12): the App's plan and
 * apply services add `planning <project>` / `applying <project>` once, the engine its own step once.
 * Real sql engine on a DuckDB file, SQLite state store, a recording code host.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStateStore } from '../../../src/adapters/store/open-state-store.ts';
import { openDuckDbWarehouse } from '../../../src/adapters/warehouse/open-duckdb-warehouse.ts';
import { ServerConfig } from '../../../src/config/schema.ts';
import { DEFAULT_WHEN_MODIFIED, type Project } from '../../../src/core/project.ts';
import type { PullRequest } from '../../../src/core/pull-request.ts';
import { defaultEngines } from '../../../src/main/default-engines.ts';
import type { CodeHost } from '../../../src/ports/code-host.ts';
import { silentLogger } from '../../../src/ports/logger.ts';
import type { StateStore } from '../../../src/ports/state-store.ts';
import type { Checkout } from '../../../src/ports/workspace.ts';
import { applyProjects } from '../../../src/services/apply-projects.ts';
import { planProjects } from '../../../src/services/plan-projects.ts';
import { pullRequestContext } from '../../../src/services/pull-request-context.ts';
import { loadPullRequestSnapshot } from '../../../src/services/pull-request-snapshot.ts';
import type { PreparedPullRequest } from '../../../src/services/prepare-pull-request.ts';
import type { ServiceDeps } from '../../../src/services/service-deps.ts';
import { createPolicyBook } from '../../../src/policy/policy-book.ts';

const NOW = new Date('2025-03-14T10:00:00.000Z');
const PR: PullRequest = {
  repo: 'acme/data', number: 7, author: 'dana', headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40), baseRef: 'main', defaultBranch: 'main',
  headRef: 'feature', cloneUrl: 'https://example.invalid/acme/data.git', draft: false, fromFork: false, state: 'open', merged: false,
};
const PROJECT: Project = {
  name: 'analytics', kind: 'sql', dir: 'analytics', target: 'default', whenModified: DEFAULT_WHEN_MODIFIED.sql,
  autoplan: true, dependsOn: [], applyRequirements: [], automerge: false,
};

/** A dependency the path under test must not touch: any use throws. */
function only<T extends object>(name: string, given: Partial<T> = {}): T {
  return new Proxy(given as T, {
    get: (target, key) => {
      if (key in target) return target[key as keyof T];
      throw new Error(`${name}.${String(key)} is not used here`);
    },
  });
}

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

const codeHost = only<CodeHost>('codeHost', { createCheckRun: async () => 1, updateCheckRun: async () => undefined });

describe('failure messages of the plan and apply services', () => {
  const dirs: string[] = [];
  const stores: StateStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  async function setup(head: Record<string, string>) {
    const root = mkdtempSync(join(tmpdir(), 'sluice-context-'));
    dirs.push(root);
    const [baseDir, headDir, dataDir] = ['base', 'head', 'data'].map((d) => join(root, d)) as [string, string, string];
    write(baseDir, { 'analytics/models/marts/customers.sql': 'select 1 as customer_id\n' });
    write(headDir, { 'analytics/models/marts/customers.sql': 'select 1 as customer_id\n', ...head });
    const store = await openStateStore({ dataDir });
    stores.push(store);
    const server = ServerConfig.parse({ targets: { default: { type: 'duckdb', path: 'warehouse.duckdb' } } });
    const deps: ServiceDeps = {
      policies: createPolicyBook([]), store, workspace: only('workspace'), engines: defaultEngines({ dataDir, env: {}, clock: { now: () => NOW } }), server,
      clock: { now: () => NOW }, log: silentLogger, versions: only('versions'), artifactRoot: join(dataDir, 'artifacts'),
      hashConfig: () => 'config-hash', joinPath: join,
    };
    const prepared: PreparedPullRequest = {
      checkout: only<Checkout>('checkout', { headDir, baseDir, headSha: PR.headSha, baseSha: PR.baseSha, changedFiles: Object.keys(head) }),
      projects: [PROJECT], configHash: 'config-hash',
    };
    return { deps, prepared, warehouseFile: join(dataDir, 'warehouse.duckdb') };
  }

  const context = async (deps: ServiceDeps, prepared: PreparedPullRequest) =>
    pullRequestContext(deps, { codeHost }, { pr: PR, actor: 'dana', prepared, snapshot: await loadPullRequestSnapshot(deps.store, PR), signal: new AbortController().signal });
  const plan = async (deps: ServiceDeps, prepared: PreparedPullRequest) => (await planProjects(deps, await context(deps, prepared), [PROJECT]))[0]!;

  it('a model that does not build: "planning analytics: building marts.orders: …", each part once', async () => {
    const { deps, prepared } = await setup({ 'analytics/models/marts/orders.sql': 'select order_id, amt from (select 1 as order_id, 10.5 as amount) o\n' });

    const outcome = await plan(deps, prepared);

    expect(outcome.status).toBe('failed');
    const message = outcome.failure?.message ?? '';
    expect(message).toMatch(/^planning analytics: building marts\.orders: Binder Error: .*"amt"/);
    expect(message.split('planning analytics').length - 1).toBe(1);
    expect(message.split('building marts.orders').length - 1).toBe(1);
  });

  it('an apply refused because production moved: "applying analytics: production changed since this plan: …", once', async () => {
    const { deps, prepared, warehouseFile } = await setup({ 'analytics/models/marts/orders.sql': 'select 1 as order_id, 10.5 as amount\n' });
    const planned = await plan(deps, prepared);
    if (planned.plan === undefined) throw new Error(`expected a plan, got ${planned.failure?.message ?? planned.status}`);
    const warehouse = await openDuckDbWarehouse({ path: warehouseFile });
    await warehouse.execute('CREATE SCHEMA marts; CREATE TABLE marts.orders (order_id integer)');
    await warehouse.close();

    const [outcome] = await applyProjects(deps, await context(deps, prepared), [{ project: PROJECT, plan: planned.plan }]);

    expect(outcome?.status).toBe('apply-failed');
    const message = outcome?.failure?.message ?? '';
    expect(message).toMatch(/^applying analytics: production changed since this plan: marts\.orders is now a table, the plan found nothing; production is unchanged/);
    expect(message.split('applying analytics').length - 1).toBe(1);
  });
});
