import { simpleGit, type SimpleGit } from 'simple-git';
import { AppError } from '../../core/outcome.ts';

/** Environment variables git may need (paths, proxies, CA bundles); nothing else of the server's reaches git. */
const PASSED_THROUGH = [
  'PATH', 'HOME', 'TMPDIR', 'LANG', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy',
  'SSL_CERT_FILE', 'SSL_CERT_DIR', 'GIT_SSL_CAINFO',
];

function scrubbedEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { GIT_TERMINAL_PROMPT: '0' };
  for (const name of PASSED_THROUGH) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/** simple-git resolves a non-zero exit without stderr; here every non-zero exit is an error. */
function anyNonZeroExit(error: Buffer | Error | undefined, result: { exitCode: number; stdOut: Buffer[]; stdErr: Buffer[] }) {
  if (error !== undefined) return error;
  if (result.exitCode === 0) return undefined;
  const output = Buffer.concat([...result.stdErr, ...result.stdOut]).toString('utf8').trim();
  return new Error(output === '' ? `git exited with code ${result.exitCode}` : output);
}

export type GitOptions = { timeoutMs: number; env?: Record<string, string> };

/** A git client for one directory: argv only (no shell), a scrubbed environment, a no-output timeout. */
export function gitAt(dir: string, options: GitOptions): SimpleGit {
  return simpleGit({
    baseDir: dir,
    timeout: { block: options.timeoutMs },
    errors: anyNonZeroExit,
    // The auth header is configured through GIT_CONFIG_COUNT/KEY/VALUE so it never appears in argv or .git/config.
    unsafe: { allowUnsafeConfigEnvCount: true },
  }).env(scrubbedEnv(options.env ?? {}));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.trim() : String(error);
}

/** Runs a step, naming it in the error chain: `fetching origin: fatal: …`. */
export async function gitStep<T>(doing: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw new AppError('git', `${doing}: ${message(error)}`, { cause: error });
  }
}
