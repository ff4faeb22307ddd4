import packageJson from '../../package.json' with { type: 'json' };
import type { ServerConfig, Target } from '../config/schema.ts';
import type { VersionProbe } from '../ports/version-probe.ts';
import type { TargetVersion, VersionReport } from '../render/render-replies.ts';

/** Sluice's version, shown by `sluice version`: the package's own. */
export const SLUICE_VERSION: string = packageJson.version;

/** How long one probe may take before it is reported as timed out (and aborted). */
export const VERSION_PROBE_TIMEOUT_MS = 5_000;

const REASON_LENGTH = 160;

type Probed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/**
 * Sluice's and Node's versions, and per configured target its tool's: the DuckDB library, the PostgreSQL
 * server, the terraform/tofu binary. The probes run at once, each capped by `timeoutMs`; a probe that fails
 * or runs over is reported on its row (never a connection URL) and never fails the whole report.
 */
export async function gatherVersions(
  deps: { readonly versions: VersionProbe; readonly server: Pick<ServerConfig, 'targets'> },
  options: { readonly timeoutMs?: number } = {},
): Promise<VersionReport> {
  const timeoutMs = options.timeoutMs ?? VERSION_PROBE_TIMEOUT_MS;
  let duckdb: Promise<Probed<string>> | undefined;
  const probeDuckDb = () => (duckdb ??= capped((signal) => deps.versions.duckdb(signal), timeoutMs));
  const targets = await Promise.all(Object.entries(deps.server.targets).map(([name, target]) => targetVersion(deps.versions, { name, target, timeoutMs, probeDuckDb })));
  return { sluice: SLUICE_VERSION, node: deps.versions.node, targets };
}

async function targetVersion(
  probe: VersionProbe,
  input: { name: string; target: Target; timeoutMs: number; probeDuckDb: () => Promise<Probed<string>> },
): Promise<TargetVersion> {
  const { name, target, timeoutMs } = input;
  switch (target.type) {
    case 'duckdb': {
      const probed = await input.probeDuckDb();
      return { target: name, type: 'duckdb', tool: 'DuckDB', ...(probed.ok ? { version: probed.value } : { problem: `failed: ${probed.reason}` }) };
    }
    case 'postgres': {
      const probed = await capped((signal) => probe.postgres({ name, url_env: target.url_env }, signal), timeoutMs);
      return { target: name, type: 'postgres', tool: 'PostgreSQL', ...(probed.ok ? { version: probed.value } : { problem: `unreachable: ${probed.reason}` }) };
    }
    case 'terraform': {
      const probed = await capped((signal) => probe.terraform({ binary: target.binary }, signal), timeoutMs);
      const tool = target.binary ?? 'terraform or tofu';
      if (!probed.ok) return { target: name, type: 'terraform', tool, problem: `failed: ${probed.reason}` };
      if (probed.value === undefined) return { target: name, type: 'terraform', tool, problem: missingBinary(target.binary) };
      return { target: name, type: 'terraform', tool: probed.value.tool, version: probed.value.version };
    }
  }
}

function missingBinary(configured: string | undefined): string {
  return configured === undefined
    ? 'no terraform or tofu binary found on PATH (the target plans a configuration diff)'
    : `the configured binary \`${configured}\` was not found or is not executable`;
}

/** Runs `probe` with a signal aborted after `timeoutMs`; resolves with its value or a short reason, never rejects. */
async function capped<T>(probe: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<Probed<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Probed<T>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, reason: `timed out after ${formatMs(timeoutMs)}` });
    }, timeoutMs);
  });
  const probed = Promise.resolve()
    .then(() => probe(controller.signal))
    .then((value): Probed<T> => ({ ok: true, value }), (error: unknown): Probed<T> => ({ ok: false, reason: shortReason(error) }));
  try {
    return await Promise.race([probed, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** The first line of what went wrong, without anything URL-shaped, at most REASON_LENGTH characters. */
export function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = (message.split('\n').find((l) => l.trim() !== '') ?? 'unknown error').trim();
  const safe = line.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>');
  return safe.length > REASON_LENGTH ? `${safe.slice(0, REASON_LENGTH - 1)}…` : safe;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
