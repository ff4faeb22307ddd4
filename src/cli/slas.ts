import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { loadServerConfig, ServerConfigError } from '../config/load-server-config.ts';
import { failureOf } from '../core/outcome.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import { checkDeployedSlas, countSlaResults, formatSlaReports } from '../engines/pipeline/check-deployed-slas.ts';
import { type OpenWarehouse, type TargetConfig } from '../engines/target-warehouse.ts';
import { openTargetWarehouse } from '../main/open-target-warehouse.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };

export type SlasOptions = {
  readonly env: NodeJS.ProcessEnv;
  readonly io: Io;
  /** Only this target; all warehouse targets otherwise. */
  readonly target?: string;
  readonly clock?: Clock;
  readonly openWarehouse?: OpenWarehouse;
};

/**
 * `sluice slas [--target name]`: evaluates every deployed pipeline SLA now, on each warehouse target of
 * the server config. Prints each pipeline with its owner and runbook; exit 1 on any breach (or a rule
 * that could not be checked), 0 when all hold.
 */
export async function slas(options: SlasOptions): Promise<number> {
  let server;
  try {
    server = loadServerConfig(options.env);
  } catch (err) {
    if (!(err instanceof ServerConfigError)) throw err;
    options.io.err(`${err.message}\n`);
    return 1;
  }
  const dataDir = resolve(server.data_dir);
  const open = options.openWarehouse ?? openTargetWarehouse({ dataDir, env: options.env });
  const targets = Object.entries(server.targets)
    .map(([name, t]): TargetConfig => ({ ...t, name }))
    .filter((t) => (options.target === undefined ? t.type !== 'terraform' : t.name === options.target));
  if (targets.length === 0) {
    options.io.err(`sluice slas: no warehouse target${options.target ? ` named \`${options.target}\`` : ''} in the server config\n`);
    return 2;
  }
  let failed = false;
  for (const target of targets) failed = (await checkTarget(target, { ...options, open, dataDir })) || failed;
  return failed ? 1 : 0;
}

async function checkTarget(target: TargetConfig, options: SlasOptions & { open: OpenWarehouse; dataDir: string }): Promise<boolean> {
  if (target.type === 'duckdb' && options.openWarehouse === undefined && !existsSync(isAbsolute(target.path) ? target.path : join(options.dataDir, target.path))) {
    options.io.out(`${target.name}: no warehouse file yet; nothing deployed\n`);
    return false;
  }
  let warehouse;
  try {
    warehouse = await options.open(target);
  } catch (err) {
    options.io.err(`${target.name}: ${failureOf(err)?.message ?? (err instanceof Error ? err.message : String(err))}\n`);
    return true;
  }
  try {
    const reports = await checkDeployedSlas(warehouse, (options.clock ?? systemClock).now());
    for (const line of formatSlaReports(reports, { target: target.name, webUrl: webUrl(options.env) })) options.io.out(`${line}\n`);
    const n = countSlaResults(reports);
    options.io.out(`${target.name}: ${n.ok + n.warn + n.breach + n.error} SLA rules checked: ${n.breach} breached, ${n.warn} warning, ${n.error} not checked\n`);
    return n.breach + n.error > 0;
  } finally {
    await warehouse.close();
  }
}

/** The code host's web address for runbook links: GitHub Enterprise Server when GHE_HOST is set. */
function webUrl(env: NodeJS.ProcessEnv): string {
  if (env['GHE_HOST']) return `${env['GHE_PROTOCOL'] ?? 'https'}://${env['GHE_HOST']}`;
  return env['GITHUB_SERVER_URL'] ?? 'https://github.com';
}
