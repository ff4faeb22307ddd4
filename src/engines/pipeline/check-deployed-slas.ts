import type { Warehouse } from '../../ports/warehouse.ts';
import { evaluateSource, type SlaResult } from './evaluate-slas.ts';
import { readRegistry, type RegistryEntry } from './pipeline-registry.ts';

/** A deployed pipeline and its SLA results as of now. */
export type DeployedSlaReport = { readonly entry: RegistryEntry; readonly results: readonly SlaResult[] };

/** Evaluates every SLA of every pipeline deployed on one warehouse. */
export async function checkDeployedSlas(warehouse: Warehouse, now: Date): Promise<DeployedSlaReport[]> {
  const reports: DeployedSlaReport[] = [];
  for (const entry of await readRegistry(warehouse)) {
    if (!entry.deployed || entry.spec === undefined) continue;
    const results: SlaResult[] = [];
    for (const source of entry.spec.sources) results.push(...(await evaluateSource(warehouse, { source, now, quoteIdent: warehouse.quoteIdent })));
    if (results.length > 0) reports.push({ entry, results });
  }
  return reports;
}

const MARK: Readonly<Record<SlaResult['status'], string>> = { ok: '✅', warn: '⚠️', breach: '❌', error: '💥' };

/**
 * Terminal lines for one target: each pipeline with its owner and runbook link, then one line per rule.
 * `webUrl` is the code host's address, e.g. `https://github.com`.
 */
export function formatSlaReports(reports: readonly DeployedSlaReport[], options: { target: string; webUrl: string }): string[] {
  return reports.flatMap(({ entry, results }) => {
    const spec = entry.spec;
    const runbook = spec?.runbook === undefined ? 'no runbook' : `runbook ${options.webUrl}/${entry.repo}/blob/${entry.commitSha}/${spec.runbook}`;
    const bad = results.some((r) => r.status === 'breach' || r.status === 'error');
    const head = `${bad ? 'BREACH ' : ''}${entry.pipeline} (${entry.project} v${entry.version} on ${options.target}) · owner ${spec?.owner ?? 'unknown'} · ${runbook}`;
    return [head, ...results.map((r) => `  ${MARK[r.status]} ${r.rule}: ${r.message}`)];
  });
}

/** Counts by status over reports. */
export function countSlaResults(reports: readonly DeployedSlaReport[]): Record<SlaResult['status'], number> {
  const counts = { ok: 0, warn: 0, breach: 0, error: 0 };
  for (const r of reports.flatMap((report) => report.results)) counts[r.status]++;
  return counts;
}
