import type { VersionReport } from '../render/render-replies.ts';

/**
 * `sluice version` for a terminal:
 * ```
 * sluice  0.1.0
 * node    v24.1.0
 * targets (server config: server.yaml):
 *   default    duckdb     DuckDB      v1.5.5
 *   warehouse  postgres   PostgreSQL  unreachable: connect ECONNREFUSED 127.0.0.1:5433
 * ```
 * Without `targets` (the server config could not be read), the first two lines only.
 */
export function renderTerminalVersion(report: Omit<VersionReport, 'targets'> & Partial<Pick<VersionReport, 'targets'>>, options: { configFile?: string | undefined }): string {
  const lines = [`sluice  ${report.sluice}`, `node    ${report.node}`];
  if (report.targets === undefined) return `${lines.join('\n')}\n`;
  const source = options.configFile === undefined || options.configFile === '' ? 'the default server config' : `server config: ${options.configFile}`;
  if (report.targets.length === 0) return `${[...lines, `no targets (${source})`].join('\n')}\n`;
  lines.push(`targets (${source}):`);
  const widths = {
    target: Math.max(...report.targets.map((t) => t.target.length)),
    type: Math.max(...report.targets.map((t) => t.type.length)),
    tool: Math.max(...report.targets.map((t) => t.tool.length)),
  };
  for (const t of report.targets) {
    const version = 'version' in t ? t.version : `⚠ ${t.problem}`;
    lines.push(`  ${t.target.padEnd(widths.target)}  ${t.type.padEnd(widths.type)}  ${t.tool.padEnd(widths.tool)}  ${version}`);
  }
  return `${lines.join('\n')}\n`;
}
