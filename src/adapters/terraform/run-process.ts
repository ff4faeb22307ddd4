import { runChild } from '../../process/run-child.ts';

export type ProcessRequest = {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** The complete environment of the child: nothing is inherited. */
  readonly env: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** Bytes kept per stream; beyond it the oldest output is dropped (a marker says how much) and `truncated` set. */
  readonly outputCap: number;
  /** After SIGINT (timeout or abort), how long before SIGKILL. */
  readonly killGraceMs: number;
};

export type ProcessResult = {
  /** Null when killed by a signal. */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly aborted: boolean;
  readonly truncated: boolean;
  /** Set when the executable could not be started (ENOENT, EACCES). */
  readonly spawnError?: string;
};

/**
 * Runs terraform (or tofu) with an argument vector (never a shell) in its own process group, so a timeout or
 * an abort stops it and its children (providers): SIGINT first, so it can release its state lock, SIGKILL
 * after the grace period. The end of each stream is kept: that is where Terraform says what went wrong.
 */
export async function runProcess(request: ProcessRequest): Promise<ProcessResult> {
  const result = await runChild({
    file: request.file, args: request.args, cwd: request.cwd, env: request.env, signal: request.signal,
    timeoutMs: request.timeoutMs, outputCapBytes: request.outputCap, keep: 'tail', interruptGraceMs: request.killGraceMs,
  });
  return {
    exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr,
    timedOut: result.timedOut, aborted: result.aborted, truncated: result.outputCapped,
    ...(result.spawnError === undefined ? {} : { spawnError: result.spawnError.message }),
  };
}
