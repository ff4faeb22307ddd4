import type { PipelineSource } from '../../config/pipeline-schema.ts';
import type { WarehouseSession } from '../../ports/warehouse.ts';
import { formatDurationText, formatSpan, parseDuration } from './duration.ts';

/** One SLA rule of one source, evaluated against the warehouse's current data. */
export type SlaResult = {
  readonly source: string;
  readonly rule: 'freshness' | 'volume';
  /** `ok` within the SLA; `warn` past `warn_after` only; `breach` past the SLA; `error` could not be checked. */
  readonly status: 'ok' | 'warn' | 'breach' | 'error';
  readonly message: string;
};

/** Evaluates a source's freshness and volume rules (or only those in `rules`) as of `now`. */
export async function evaluateSource(
  session: WarehouseSession,
  options: { source: PipelineSource; now: Date; quoteIdent: (name: string) => string; rules?: readonly SlaResult['rule'][] },
): Promise<SlaResult[]> {
  const { source } = options;
  const table = source.name.split('.').map(options.quoteIdent).join('.');
  const results: SlaResult[] = [];
  for (const rule of options.rules ?? (['freshness', 'volume'] as const)) {
    if (source[rule] === undefined) continue;
    try {
      const input = { source, now: options.now, quoteIdent: options.quoteIdent, table };
      results.push(rule === 'freshness' ? await checkFreshness(session, input) : await checkVolume(session, input));
    } catch (err) {
      results.push({ source: source.name, rule, status: 'error', message: `${source.name}: cannot check ${rule}: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  return results;
}

type RuleInput = { source: PipelineSource; now: Date; table: string; quoteIdent: (name: string) => string };

async function checkFreshness(session: WarehouseSession, input: RuleInput): Promise<SlaResult> {
  const freshness = input.source.freshness;
  if (freshness === undefined) throw new Error('no freshness rule');
  const column = input.quoteIdent(freshness.loaded_at);
  const rows = await session.query(`SELECT CAST(extract(epoch FROM max(${column})) AS double precision) AS last_loaded FROM ${input.table}`);
  const last = rows[0]?.['last_loaded'];
  const base = { source: input.source.name, rule: 'freshness' as const };
  const sla = `${formatDurationText(freshness.error_after)} SLA`;
  if (typeof last !== 'number') return { ...base, status: 'breach', message: `${input.source.name}: never loaded (no rows) — breaches the ${sla}` };
  const ageMs = input.now.getTime() - last * 1000;
  const age = ageMs < 0 ? `${formatSpan(ageMs)} in the future` : `${formatSpan(ageMs)} ago`;
  const lead = `${input.source.name}: last loaded ${age}`;
  if (ageMs > parseDuration(freshness.error_after)) return { ...base, status: 'breach', message: `${lead} — breaches the ${sla}` };
  if (freshness.warn_after !== undefined && ageMs > parseDuration(freshness.warn_after)) {
    return { ...base, status: 'warn', message: `${lead} — past the ${formatDurationText(freshness.warn_after)} warning, within the ${sla}` };
  }
  return { ...base, status: 'ok', message: `${lead} — within the ${sla}` };
}

async function checkVolume(session: WarehouseSession, input: RuleInput): Promise<SlaResult> {
  const volume = input.source.volume ?? {};
  const loads = await loadSizes(session, input);
  const base = { source: input.source.name, rule: 'volume' as const };
  const [latest = 0, previous] = loads;
  const what = input.source.freshness === undefined ? 'has' : 'last load has';
  const rows = `${input.source.name}: ${what} ${count(latest)} ${latest === 1 ? 'row' : 'rows'}`;
  if (volume.min_rows !== undefined && latest < volume.min_rows) {
    return { ...base, status: 'breach', message: `${rows} — fewer than the ${count(volume.min_rows)} required` };
  }
  if (volume.max_change === undefined || previous === undefined) {
    return { ...base, status: 'ok', message: volume.min_rows === undefined ? `${rows}; no previous load to compare` : `${rows} — at least the ${count(volume.min_rows)} required` };
  }
  const change = previous === 0 ? (latest === 0 ? 0 : Infinity) : ((latest - previous) / previous) * 100;
  const allowed = Number(volume.max_change.slice(0, -1));
  const shown = `${rows}, ${signed(change)} from ${count(previous)} in the previous load`;
  if (Math.abs(change) > allowed) return { ...base, status: 'breach', message: `${shown} — more than the ${volume.max_change} change allowed` };
  return { ...base, status: 'ok', message: `${shown} — within the ${volume.max_change} allowed` };
}

/** Rows of the latest and previous loads (by distinct `loaded_at`), or of the whole table without freshness. */
async function loadSizes(session: WarehouseSession, input: RuleInput): Promise<number[]> {
  const loadedAt = input.source.freshness?.loaded_at;
  if (loadedAt === undefined) {
    const rows = await session.query(`SELECT CAST(count(*) AS bigint) AS n FROM ${input.table}`);
    return [Number(rows[0]?.['n'] ?? 0)];
  }
  const column = input.quoteIdent(loadedAt);
  const rows = await session.query(
    `SELECT CAST(count(*) AS bigint) AS n FROM ${input.table} WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY ${column} DESC LIMIT 2`,
  );
  return rows.map((r) => Number(r['n']));
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function signed(percent: number): string {
  if (!Number.isFinite(percent)) return '+∞%';
  const rounded = Math.round(percent * 10) / 10;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded)}%`;
}
