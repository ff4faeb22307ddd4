import { runChild } from '../../process/run-child.ts';
import type { AppCommand } from './resolve-app-command.ts';

export type SynthProcessOptions = {
  readonly command: AppCommand;
  readonly cwd: string;
  /** The child's whole environment (see `buildSynthEnv`). */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** stdout and stderr together; beyond this the process group is killed. */
  readonly outputCapBytes: number;
  readonly signal: AbortSignal;
};

/** How the child ended; `output` is stdout and stderr interleaved as they arrived (at most the cap). */
export type SynthProcessOutcome =
  | { readonly kind: 'exited'; readonly code: number | null; readonly exitSignal: string | null; readonly output: string }
  | { readonly kind: 'timeout' | 'output-cap' | 'aborted'; readonly output: string }
  | { readonly kind: 'spawn-error'; readonly error: Error; readonly output: string };

/**
 * Runs PR code: its own process group (killed as a whole on timeout, cap or abort, and after the child
 * exits so no straggler keeps running), no shell, no stdin.
 */
export async function runSynthProcess(options: SynthProcessOptions): Promise<SynthProcessOutcome> {
  const result = await runChild({
    file: options.command.file, args: options.command.args, cwd: options.cwd, env: options.env, signal: options.signal,
    timeoutMs: options.timeoutMs, outputCapBytes: options.outputCapBytes, mergeStderr: true, stopAtOutputCap: true,
  });
  const output = result.stdout;
  if (result.spawnError !== undefined) return { kind: 'spawn-error', error: result.spawnError, output };
  if (result.timedOut) return { kind: 'timeout', output };
  if (result.aborted) return { kind: 'aborted', output };
  if (result.outputCapped) return { kind: 'output-cap', output };
  return { kind: 'exited', code: result.exitCode, exitSignal: result.signal, output };
}
