/** A temporary git repository with a sluice.yaml and a server config, and the local commands run on it. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { plainTerminal } from '../../../src/cli/cli-io.ts';
import type { LocalCommandDeps } from '../../../src/cli/plan.ts';
import { openTargetWarehouse } from '../../../src/main/open-target-warehouse.ts';
import { defaultEngines } from '../../../src/main/default-engines.ts';
import { systemClock, type Clock } from '../../../src/ports/clock.ts';
import type { Warehouse } from '../../../src/ports/warehouse.ts';

export type LocalRepo = {
  /** The checkout. */
  readonly dir: string;
  /** Beside it: server.yaml and whatever else the server reads. */
  readonly outside: string;
  readonly env: NodeJS.ProcessEnv;
  readonly git: SimpleGit;
};

/** Files written under `dir`, folders made as needed. */
export function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/**
 * `repo/` with `files` committed on main, and `server.yaml` beside it (`server` gets the folder it is in, for
 * absolute `policy_paths`), plus `serverFiles` there; `copies` maps folders of the repo to folders copied into
 * them before the commit. `dirs` collects the temporary folder for cleanup.
 */
export async function createLocalRepo(dirs: string[], options: {
  server: (outside: string) => string;
  files: Record<string, string>;
  serverFiles?: Record<string, string>;
  copies?: Record<string, string>;
}): Promise<LocalRepo> {
  const outside = mkdtempSync(join(tmpdir(), 'sluice-local-'));
  dirs.push(outside);
  const dir = join(outside, 'repo');
  mkdirSync(dir);
  write(outside, { 'server.yaml': options.server(outside), ...options.serverFiles });
  write(dir, options.files);
  for (const [to, from] of Object.entries(options.copies ?? {})) cpSync(from, join(dir, to), { recursive: true });
  const git = simpleGit(dir);
  await git.init(['-b', 'main']);
  await git.addConfig('user.name', 'Test').addConfig('user.email', 'test@example.com');
  await git.add('.').commit('initial');
  return { dir, outside, git, env: { PATH: process.env['PATH'], HOME: process.env['HOME'], SLUICE_CONFIG: join(outside, 'server.yaml') } };
}

export type LocalCommand = (args: readonly string[], deps: LocalCommandDeps) => Promise<number>;

/** Runs a local command (plan, apply, …) in the repo with the shipped engines; its exit code and output. */
export async function sluice(repo: LocalRepo, command: LocalCommand, args: string[] = [], clock: Clock = systemClock) {
  const captured = { out: '', err: '' };
  const deps: LocalCommandDeps = {
    cwd: repo.dir, env: repo.env, terminal: plainTerminal(), clock,
    io: { out: (s) => void (captured.out += s), err: (s) => void (captured.err += s) },
    engines: (ctx) => defaultEngines({ dataDir: ctx.dataDir, env: repo.env, clock, settings: ctx.server }),
  };
  const code = await command(args, deps);
  return { code, ...captured };
}

/** Opens the DuckDB target `path` of the repo's data dir (`.sluice/`), for checking what apply did. */
export async function withDuckDb<T>(repo: LocalRepo, path: string, use: (w: Warehouse) => Promise<T>): Promise<T> {
  const warehouse = await openTargetWarehouse({ dataDir: join(repo.dir, '.sluice'), env: {} })({ type: 'duckdb', path, allow_local_apply: true, name: 'check' });
  try {
    return await use(warehouse);
  } finally {
    await warehouse.close();
  }
}
