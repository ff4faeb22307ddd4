import { loadServerConfig, ServerConfigError } from '../config/load-server-config.ts';
import type { VersionProbe } from '../ports/version-probe.ts';
import { gatherVersions, SLUICE_VERSION } from '../services/version.ts';
import type { Io } from './cli-io.ts';
import { renderTerminalVersion } from './render-terminal-version.ts';

export type VersionOptions = {
  /** SLUICE_CONFIG names the server config whose targets are probed. */
  readonly env: NodeJS.ProcessEnv;
  readonly io: Io;
  readonly probe: VersionProbe;
  readonly timeoutMs?: number;
};

/**
 * `sluice version`: Sluice's and Node's versions, then each target of the server config with its tool's
 * version (what the PR reply shows). Exit 0; 1 when the server config cannot be read (its targets unknown).
 */
export async function version(options: VersionOptions): Promise<number> {
  const { io } = options;
  let server;
  try {
    server = loadServerConfig(options.env);
  } catch (err) {
    if (!(err instanceof ServerConfigError)) throw err;
    io.out(renderTerminalVersion({ sluice: SLUICE_VERSION, node: options.probe.node }, { configFile: options.env['SLUICE_CONFIG'] }));
    io.err(`sluice version: the targets' tool versions are unknown: ${err.message}\n`);
    return 1;
  }
  const report = await gatherVersions({ versions: options.probe, server }, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs });
  io.out(renderTerminalVersion(report, { configFile: options.env['SLUICE_CONFIG'] }));
  return 0;
}
