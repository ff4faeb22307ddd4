import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { failure, ok, type FailureCode, type Result } from '../../core/outcome.ts';
import type { TerraformOutput, TerraformRunner, TerraformRunOptions } from '../../ports/terraform-runner.ts';
import { runProcess, type ProcessResult } from './run-process.ts';

export type BinaryTerraformRunnerOptions = {
  /** The executable, from `locateTerraformBinary`. */
  readonly binary: string;
  /** The server's environment; only PATH, HOME and `passEnv` names are passed on. */
  readonly serverEnv: Readonly<Record<string, string | undefined>>;
  /** The target's `env`: names of variables (credentials) terraform may read. */
  readonly passEnv: readonly string[];
  /** The target's workspace; passed as `TF_WORKSPACE` unless `default`. */
  readonly workspace?: string;
  readonly timeoutMs?: number;
  readonly outputCap?: number;
  readonly killGraceMs?: number;
};

const DEFAULTS = { timeoutMs: 30 * 60_000, outputCap: 256 * 1024 * 1024, killGraceMs: 10_000 };
const STDERR_LINES = 30;

/** A `TerraformRunner` over the real `terraform`/`tofu` executable (or any stand-in with its interface). */
export function createBinaryTerraformRunner(options: BinaryTerraformRunnerOptions): TerraformRunner {
  const name = basename(options.binary).replace(/\.exe$/, '');
  const run = async (command: string, args: readonly string[], run: TerraformRunOptions, exitCodes: readonly number[]): Promise<Result<ProcessResult>> => {
    mkdirSync(run.dataDir, { recursive: true });
    const result = await runProcess({
      file: options.binary, args: [command, ...args], cwd: run.cwd, signal: run.signal,
      env: terraformEnv({ ...options, dataDir: run.dataDir }),
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs, outputCap: options.outputCap ?? DEFAULTS.outputCap, killGraceMs: options.killGraceMs ?? DEFAULTS.killGraceMs,
    });
    return checkResult(result, { what: `${name} ${command}`, exitCodes, failureCode: command === 'apply' ? 'apply_failed' : 'engine_failed', timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs });
  };
  return {
    name,
    binary: options.binary,
    async init(opts) {
      const result = await run('init', ['-input=false', '-no-color'], opts, [0]);
      return result.ok ? ok(output(result.value)) : result;
    },
    async plan(opts) {
      mkdirSync(dirname(opts.planFile), { recursive: true });
      const args = ['-input=false', '-no-color', '-detailed-exitcode', `-lock-timeout=${opts.lockTimeout}`, `-out=${opts.planFile}`, ...opts.extraArgs];
      const result = await run('plan', args, opts, [0, 2]);
      if (!result.ok) return result;
      const sha256 = await hashFile(opts.planFile);
      if (sha256 === undefined) return failure('engine_failed', `${name} plan succeeded but wrote no plan file at ${opts.planFile}`);
      return ok({ planFile: opts.planFile, sha256, hasChanges: result.value.exitCode === 2 });
    },
    async show(opts) {
      const result = await run('show', ['-json', opts.planFile], opts, [0]);
      if (!result.ok) return result;
      if (result.value.truncated) return failure('engine_failed', `${name} show -json printed more than the output cap allows`);
      return ok(result.value.stdout);
    },
    async apply(opts) {
      const actual = await hashFile(opts.planFile);
      if (actual === undefined) return failure('plan_missing', `the saved plan file ${opts.planFile} is gone`, { hint: 'Plan again, then apply.' });
      if (actual !== opts.sha256) {
        return failure('plan_stale', `the saved plan file changed since it was planned (sha256 ${actual.slice(0, 12)}…, expected ${opts.sha256.slice(0, 12)}…); refusing to apply it`, { hint: 'Plan again, then apply.' });
      }
      const result = await run('apply', ['-input=false', '-no-color', opts.planFile], opts, [0]);
      return result.ok ? ok(output(result.value)) : result;
    },
  };
}

/** The child's whole environment: PATH, HOME, the target's variables, and Terraform's automation settings. */
export function terraformEnv(options: { serverEnv: Readonly<Record<string, string | undefined>>; passEnv: readonly string[]; workspace?: string; dataDir: string }): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', ...options.passEnv]) {
    const value = options.serverEnv[key];
    if (value !== undefined) env[key] = value;
  }
  Object.assign(env, { TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_DATA_DIR: options.dataDir });
  if (options.workspace !== undefined && options.workspace !== 'default') env['TF_WORKSPACE'] = options.workspace;
  return env;
}

function checkResult(result: ProcessResult, context: { what: string; exitCodes: readonly number[]; failureCode: FailureCode; timeoutMs: number }): Result<ProcessResult> {
  const { what } = context;
  if (result.spawnError !== undefined) return failure(context.failureCode, `${what}: could not start the binary: ${result.spawnError}`);
  if (result.aborted) return failure('cancelled', `${what} was cancelled`);
  if (result.timedOut) return failure(context.failureCode, `${what} timed out after ${context.timeoutMs < 1000 ? `${context.timeoutMs} ms` : `${Math.round(context.timeoutMs / 1000)} s`}`);
  if (result.exitCode !== null && context.exitCodes.includes(result.exitCode)) return ok(result);
  const said = lastLines(result.stderr);
  const code = result.exitCode === null ? 'was killed' : `failed (exit code ${result.exitCode})`;
  return failure(context.failureCode, said === '' ? `${what} ${code}` : `${what} ${code}: ${said}`);
}

/** The last lines of stderr, without ANSI colours: what Terraform said went wrong. */
function lastLines(text: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  return plain.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '').slice(-STDERR_LINES).join('\n');
}

function output(result: ProcessResult): TerraformOutput {
  return { stdout: result.stdout, stderr: result.stderr };
}

/** sha256 of a file, undefined when it does not exist. */
export async function hashFile(file: string): Promise<string | undefined> {
  try {
    return createHash('sha256').update(await readFile(file)).digest('hex');
  } catch {
    return undefined;
  }
}
