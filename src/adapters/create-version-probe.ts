import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { z } from 'zod';
import type { VersionProbe } from '../ports/version-probe.ts';
import { locateTerraformBinary } from './terraform/locate-terraform-binary.ts';
import { runProcess } from './terraform/run-process.ts';

export type VersionProbeOptions = {
  /** The server's environment: PATH for the binaries, the targets' `url_env` variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Each probe's own limit (the service caps them too): connect and query, or the binary's run. */
  readonly timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 5_000;

/** `terraform version -json` (and tofu's); older binaries print only text. */
const VersionJson = z.object({ terraform_version: z.string().min(1) });

/** The real probes: DuckDB in memory, PostgreSQL over `pg`, the binary in a child process. */
export function createVersionProbe(options: VersionProbeOptions): VersionProbe {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    node: process.version,
    duckdb: readDuckDbVersion,
    postgres: (target, signal) => readPostgresVersion(options.env[target.url_env], { target, signal, timeoutMs }),
    terraform: (target, signal) => readTerraformVersion(target, { env: options.env, signal, timeoutMs }),
  };
}

async function readDuckDbVersion(): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    try {
      const [row] = (await connection.runAndReadAll('select version() as version')).getRowObjectsJS();
      return String(row?.['version']);
    } finally {
      connection.disconnectSync();
    }
  } finally {
    instance.closeSync();
  }
}

async function readPostgresVersion(url: string | undefined, context: { target: { url_env: string }; signal: AbortSignal; timeoutMs: number }): Promise<string> {
  if (url === undefined || url === '') throw new Error(`$${context.target.url_env} is not set`);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: context.timeoutMs, query_timeout: context.timeoutMs });
  // A connection the server drops emits 'error'; without a listener it would crash the process.
  client.on('error', () => undefined);
  const stop = (): void => void client.end().catch(() => undefined);
  context.signal.addEventListener('abort', stop, { once: true });
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('show server_version');
    return String(result.rows[0]?.server_version);
  } catch (error) {
    throw new Error(withoutUrl(errorText(error), url));
  } finally {
    context.signal.removeEventListener('abort', stop);
    await client.end().catch(() => undefined);
  }
}

/** The error's message; a connection refused on every address (an AggregateError) has none of its own. */
function errorText(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') return error.errors.map(errorText).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/** A driver message with the URL, its password and any other `scheme://…` taken out. */
function withoutUrl(message: string, url: string): string {
  const password = safePassword(url);
  let text = message.split(url).join('<url>');
  if (password !== undefined && password.length >= 4) text = text.split(password).join('***');
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>');
}

function safePassword(url: string): string | undefined {
  try {
    const password = new URL(url).password;
    return password === '' ? undefined : decodeURIComponent(password);
  } catch {
    return undefined;
  }
}

async function readTerraformVersion(
  target: { binary?: string | undefined },
  context: { env: Readonly<Record<string, string | undefined>>; signal: AbortSignal; timeoutMs: number },
): Promise<{ tool: string; version: string } | undefined> {
  const configured = target.binary === undefined ? {} : { configured: target.binary };
  const binary = locateTerraformBinary({ ...configured, pathEnv: context.env['PATH'] ?? '' });
  if (binary === undefined) return undefined;
  const tool = basename(binary).replace(/\.exe$/, '');
  const env: Record<string, string> = { CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  for (const key of ['PATH', 'HOME']) {
    const value = context.env[key];
    if (value !== undefined) env[key] = value;
  }
  const result = await runProcess({
    file: binary, args: ['version', '-json'], cwd: tmpdir(), env, signal: context.signal,
    timeoutMs: context.timeoutMs, outputCap: 64 * 1024, killGraceMs: 1_000,
  });
  if (result.spawnError !== undefined) throw new Error(`${tool} could not be started: ${result.spawnError}`);
  if (result.timedOut) throw new Error(`${tool} version timed out`);
  if (result.aborted) throw new Error(`${tool} version was stopped`);
  if (result.exitCode !== 0) throw new Error(`${tool} version failed (exit code ${result.exitCode ?? 'none: killed'})`);
  const version = parseVersion(result.stdout);
  if (version === undefined) throw new Error(`${tool} version printed no version`);
  return { tool, version };
}

/** `1.9.8` from the JSON, else from the text form (`Terraform v1.9.8`, `OpenTofu v1.8.0`). */
export function parseVersion(stdout: string): string | undefined {
  try {
    const parsed = VersionJson.safeParse(JSON.parse(stdout));
    if (parsed.success) return parsed.data.terraform_version;
  } catch {
    // not JSON: an older binary
  }
  return /\bv(\d+\.\d+\.\d+\S*)/.exec(stdout)?.[1];
}
