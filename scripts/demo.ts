// `npm run demo`: Sluice end to end on a temporary copy of examples/acme-analytics, offline.
// Builds production from main (seed data + `sluice apply`), opens a branch with a realistic change,
// prints `sluice plan`, applies it and shows production updated. Everything real: git, DuckDB, CDKTF synth.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { accessSync, constants, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { applyEdits, COMMITTED_EDITS, UNCOMMITTED_EDITS } from './demo-changes.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = join(ROOT, 'examples', 'acme-analytics');
const SLUICE = join(ROOT, 'bin', 'sluice.js');
const tty = process.stdout.isTTY === true;
const bold = (s: string) => (tty ? `\u001b[1m${s}\u001b[22m` : s);

type Demo = { readonly repo: string; readonly env: NodeJS.ProcessEnv; readonly started: number };

function step(demo: Demo, title: string): void {
  const at = ((performance.now() - demo.started) / 1000).toFixed(1);
  process.stdout.write(`\n${bold(`▶ ${title}`)}  ${tty ? '\u001b[2m' : ''}(${at} s)${tty ? '\u001b[22m' : ''}\n\n`);
}

function run(cmd: string, args: readonly string[], demo: Demo, options: { echo?: boolean } = {}): SpawnSyncReturns<string> {
  const result = spawnSync(cmd, args, { cwd: demo.repo, env: demo.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (options.echo !== false) process.stdout.write(result.stdout + result.stderr);
  return result;
}

function sluice(demo: Demo, args: readonly string[], expect: readonly number[], options: { echo?: boolean } = {}): SpawnSyncReturns<string> {
  process.stdout.write(`$ sluice ${args.join(' ')}\n`);
  const result = run(process.execPath, [SLUICE, ...args], demo, options);
  process.stdout.write(`(exit ${result.status})\n`);
  if (!expect.includes(result.status ?? -1)) {
    if (options.echo === false) process.stdout.write(result.stdout + result.stderr);
    throw new Error(`demo: sluice ${args.join(' ')} exited ${result.status}, expected ${expect.join(' or ')}`);
  }
  return result;
}

function gitIn(demo: Demo, args: readonly string[]): void {
  const result = run('git', ['-c', 'user.name=Ada Analyst', '-c', 'user.email=ada@acme.example', ...args], demo, { echo: false });
  if (result.status !== 0) throw new Error(`demo: git ${args.join(' ')}: ${result.stderr}`);
}

/**
 * The environment of the demo's `sluice`: terraform/tofu are hidden from PATH, so CDKTF plans are
 * configuration diffs (no provider download, no cloud credentials); node, git and tar stay reachable.
 */
function offlineEnv(base: string): NodeJS.ProcessEnv {
  const bin = join(base, 'bin');
  mkdirSync(bin);
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter(Boolean);
  for (const tool of ['git', 'tar']) {
    const found = dirs.map((d) => join(d, tool)).find(isExecutable);
    if (found !== undefined) symlinkSync(found, join(bin, tool));
  }
  symlinkSync(process.execPath, join(bin, 'node'));
  const kept = dirs.filter((d) => !['terraform', 'tofu'].some((t) => isExecutable(join(d, t))));
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: [bin, ...kept].join(delimiter), SLUICE_CONFIG: join(base, 'server.yaml') };
  delete env['SLUICE_DATA_DIR'];
  if (tty) env['FORCE_COLOR'] = '1';
  return env;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function createRepo(base: string): Demo {
  const repo = join(base, 'acme-analytics');
  cpSync(EXAMPLE, repo, { recursive: true, filter: (src) => !/[\\/](\.sluice|cdktf\.out|node_modules)$/.test(src) });
  // CDKTF apps import cdktf and @cdktf/provider-aws: resolve them from Sluice's own node_modules, which
  // the server config must name, or the synth sandbox will not follow the checkout's symlink to it.
  symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'), 'dir');
  const serverConfig = readFileSync(join(EXAMPLE, 'server.yaml'), 'utf8');
  writeFileSync(join(base, 'server.yaml'), `${serverConfig}cdktf:\n  packages_dirs: [${JSON.stringify(join(ROOT, 'node_modules'))}]\n`);
  const demo: Demo = { repo, env: offlineEnv(base), started: performance.now() };
  gitIn(demo, ['init', '-q', '-b', 'main']);
  gitIn(demo, ['add', '-A']);
  gitIn(demo, ['commit', '-q', '-m', 'Acme analytics: models, pipelines, data lake']);
  return demo;
}

async function query(demo: Demo, sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(join(demo.repo, '.sluice', 'warehouse.duckdb'));
  const connection = await db.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

async function seed(demo: Demo): Promise<void> {
  mkdirSync(join(demo.repo, '.sluice'), { recursive: true });
  const db = await DuckDBInstance.create(join(demo.repo, '.sluice', 'warehouse.duckdb'));
  const connection = await db.connect();
  await connection.run(readFileSync(join(demo.repo, 'seed', 'seed.sql'), 'utf8'));
  connection.closeSync();
  db.closeSync();
  const counts = await query(demo, "select 'raw.customers' as table_name, count(*) as row_count from raw.customers union all select 'raw.orders', count(*) from raw.orders union all select 'raw.payments', count(*) from raw.payments");
  printTable(counts);
}

function printTable(rows: readonly Record<string, unknown>[]): void {
  const first = rows[0];
  if (first === undefined) return void process.stdout.write('  (no rows)\n');
  const columns = Object.keys(first);
  const cells = [columns, ...rows.map((r) => columns.map((c) => String(r[c] ?? 'null')))];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  for (const row of cells) process.stdout.write(`  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}\n`);
}

async function buildProduction(demo: Demo): Promise<void> {
  step(demo, 'Production: seed the raw schema of the embedded DuckDB warehouse (deterministic, in-warehouse)');
  await seed(demo);
  step(demo, 'Production: plan everything on main as new, and apply it');
  const plan = sluice(demo, ['plan', '--base', 'none', '--format', 'json'], [2], { echo: false });
  const projects = (JSON.parse(plan.stdout) as { projects: { name: string; status: string }[] }).projects;
  process.stdout.write(`  ${projects.map((p) => `${p.name}: ${p.status}`).join(' · ')} (JSON plan, ${plan.stdout.length} bytes)\n`);
  sluice(demo, ['apply', '-p', 'analytics', '-p', 'orchestration'], [0]);
}

async function openPullRequest(demo: Demo): Promise<void> {
  step(demo, 'A branch: revenue net of returns, a new column, a tighter SLA, a bucket setting');
  gitIn(demo, ['checkout', '-q', '-b', 'finance/revenue-net-of-returns']);
  for (const line of applyEdits(demo.repo, COMMITTED_EDITS)) process.stdout.write(`  committed:   ${line}\n`);
  gitIn(demo, ['commit', '-q', '-am', 'Revenue excludes returned orders; days since first order in CLV']);
  for (const line of applyEdits(demo.repo, UNCOMMITTED_EDITS)) process.stdout.write(`  uncommitted: ${line}\n`);
  step(demo, 'sluice plan: the branch and its uncommitted changes against main');
  sluice(demo, ['plan'], [2]);
}

async function applyAndShow(demo: Demo): Promise<void> {
  step(demo, 'sluice apply: the warehouse targets allow local applies');
  sluice(demo, ['apply', '-p', 'analytics', '-p', 'orchestration'], [0]);
  step(demo, 'sluice apply -p lake: production infrastructure is applied only from an approved pull request');
  sluice(demo, ['apply', '-p', 'lake'], [1]);
  step(demo, 'Production after apply');
  process.stdout.write('marts.daily_revenue, last 3 days (revenue now excludes returned orders):\n');
  printTable(await query(demo, 'select order_date, orders, revenue from marts.daily_revenue order by order_date desc limit 3'));
  process.stdout.write('\nmarts.customer_lifetime_value has the new column:\n');
  printTable(await query(demo, 'select customer_id, lifetime_value, days_since_first_order from marts.customer_lifetime_value order by customer_id limit 3'));
  process.stdout.write('\nPipeline registry (_sluice.pipeline_versions):\n');
  printTable(await query(demo, "select pipeline, version, spec->>'$.sources[0].freshness.error_after' as error_after, commit_sha from _sluice.pipeline_versions order by pipeline, version"));
}

async function main(): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), 'sluice-demo-'));
  const demo = createRepo(base);
  process.stdout.write(`${bold('Sluice demo')}: a temporary Acme analytics repo in ${demo.repo}\n`);
  try {
    await buildProduction(demo);
    await openPullRequest(demo);
    await applyAndShow(demo);
    const seconds = ((performance.now() - demo.started) / 1000).toFixed(1);
    process.stdout.write(`\n${bold(`Done in ${seconds} s.`)} Try it on your own repo: sluice plan (exit 0 no changes, 2 changes, 1 error); --format markdown prints the PR comment.\n`);
  } finally {
    if (process.env['SLUICE_DEMO_KEEP'] === undefined) rmSync(base, { recursive: true, force: true });
    else process.stdout.write(`Kept ${base} (SLUICE_DEMO_KEEP).\n`);
  }
}

await main();
