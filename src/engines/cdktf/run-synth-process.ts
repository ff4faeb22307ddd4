import { spawn, type ChildProcess } from 'node:child_process';
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

type StopReason = 'timeout' | 'output-cap' | 'aborted';

/** Grace for stdio to close once the child has exited (a grandchild outside the group may hold the pipes). */
const CLOSE_GRACE_MS = 1_000;

/**
 * Runs PR code: its own process group (killed as a whole on timeout, cap or abort, and after the child
 * exits so no straggler keeps running), no shell, no stdin.
 */
export function runSynthProcess(options: SynthProcessOptions): Promise<SynthProcessOutcome> {
  if (options.signal.aborted) return Promise.resolve({ kind: 'aborted', output: '' });
  return new Promise((settle) => {
    const child = spawn(options.command.file, [...options.command.args], {
      cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = createOutputBuffer(options.outputCapBytes);
    let stopped: StopReason | undefined;
    const stop = (reason: StopReason): void => {
      stopped ??= reason;
      killGroup(child);
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = (): void => stop('aborted');
    options.signal.addEventListener('abort', onAbort, { once: true });
    const done = (outcome: SynthProcessOutcome): void => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      settle(outcome);
    };
    const onData = (chunk: Buffer): void => {
      if (!output.push(chunk)) stop('output-cap');
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => done({ kind: 'spawn-error', error, output: output.text() }));
    child.once('exit', () => afterExit(child));
    child.once('close', (code, exitSignal) => {
      if (stopped !== undefined) done({ kind: stopped, output: output.text() });
      else done({ kind: 'exited', code, exitSignal, output: output.text() });
    });
  });
}

function afterExit(child: ChildProcess): void {
  killGroup(child);
  setTimeout(() => {
    child.stdout?.destroy();
    child.stderr?.destroy();
  }, CLOSE_GRACE_MS).unref();
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

type OutputBuffer = { push(chunk: Buffer): boolean; text(): string };

function createOutputBuffer(capBytes: number): OutputBuffer {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    push(chunk) {
      const room = capBytes - size;
      if (room > 0) chunks.push(chunk.subarray(0, room));
      size += chunk.length;
      return size <= capBytes;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}
