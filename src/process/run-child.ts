import { spawn, type ChildProcess } from 'node:child_process';

export type RunChildOptions = {
  /** The executable, run with `args` as its argument vector: never through a shell. */
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** The child's whole environment: nothing of the parent's is inherited. */
  readonly env: Readonly<Record<string, string>>;
  /** Written to the child's stdin, which is then closed; without it stdin is /dev/null. */
  readonly stdin?: string | Uint8Array;
  readonly signal?: AbortSignal;
  readonly timeoutMs: number;
  /** Bytes kept of each stream (of both together with `mergeStderr`); a marker replaces what is dropped. */
  readonly outputCapBytes: number;
  /** Which end of a stream past the cap is kept: `head` (default) or `tail` (where a failing tool says why). */
  readonly keep?: 'head' | 'tail';
  /** Stop the child once its output passes the cap, instead of only dropping the excess. */
  readonly stopAtOutputCap?: boolean;
  /** stderr goes into `stdout` as it arrives (like `2>&1`), under one cap; `stderr` is then empty. */
  readonly mergeStderr?: boolean;
  /** On a stop (timeout, abort, cap), SIGINT the group and SIGKILL it this much later; without it, SIGKILL at once. */
  readonly interruptGraceMs?: number;
};

export type ChildResult = {
  /** Null when the child was killed by a signal or never started. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why the child was stopped, if it was: only the first reason is reported. */
  readonly timedOut: boolean;
  readonly aborted: boolean;
  /** Output went past the cap; with `stopAtOutputCap` and neither flag above, that is why it was stopped. */
  readonly outputCapped: boolean;
  /** The executable could not be started (ENOENT, EACCES). */
  readonly spawnError?: Error;
};

/** After the child exits, how long its pipes may stay open (held by a grandchild outside its group). */
const CLOSE_GRACE_MS = 1_000;

/**
 * Runs one child in its own process group (`detached`), so that a timeout, an abort or the output cap stops
 * it and everything it started; the group is also killed once the child exits, so no straggler keeps
 * running. Output is captured up to a byte cap per stream.
 */
export function runChild(options: RunChildOptions): Promise<ChildResult> {
  if (options.signal?.aborted === true) {
    return Promise.resolve({ exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, aborted: true, outputCapped: false });
  }
  return new Promise((settle) => {
    const child = spawn(options.file, [...options.args], {
      cwd: options.cwd, env: { ...options.env }, shell: false, detached: true,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const keep = options.keep ?? 'head';
    const out = createCapture(options.outputCapBytes, keep);
    const err = options.mergeStderr === true ? out : createCapture(options.outputCapBytes, keep);
    let stopped: 'timeout' | 'aborted' | 'output-cap' | undefined;
    let settled = false;
    const stop = (reason: NonNullable<typeof stopped>): void => {
      if (stopped !== undefined) return;
      stopped = reason;
      if (options.interruptGraceMs === undefined) {
        signalGroup(child, 'SIGKILL');
        return;
      }
      signalGroup(child, 'SIGINT');
      setTimeout(() => signalGroup(child, 'SIGKILL'), options.interruptGraceMs).unref();
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = (): void => stop('aborted');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null, spawnError?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      settle({
        exitCode, signal, stdout: out.text(), stderr: options.mergeStderr === true ? '' : err.text(),
        timedOut: stopped === 'timeout', aborted: stopped === 'aborted', outputCapped: out.capped() || err.capped(),
        ...(spawnError === undefined ? {} : { spawnError }),
      });
    };
    const onData = (capture: Capture) => (chunk: Buffer): void => {
      if (!capture.push(chunk) && options.stopAtOutputCap === true) stop('output-cap');
    };
    child.stdout?.on('data', onData(out));
    child.stderr?.on('data', onData(err));
    if (options.stdin !== undefined && child.stdin !== null) {
      // A child that exits without reading its input must not fail the run (EPIPE).
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.stdin);
    }
    child.once('error', (error) => {
      // Without a pid the executable never started; otherwise 'close' still reports how it ended.
      if (child.pid === undefined) finish(null, null, error);
    });
    child.once('exit', () => afterExit(child));
    child.once('close', (code, signal) => finish(code, signal));
  });
}

function afterExit(child: ChildProcess): void {
  signalGroup(child, 'SIGKILL');
  setTimeout(() => {
    child.stdout?.destroy();
    child.stderr?.destroy();
  }, CLOSE_GRACE_MS).unref();
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

type Capture = {
  /** False once the stream has passed the cap. */
  push(chunk: Buffer): boolean;
  text(): string;
  capped(): boolean;
};

/** Keeps at most `capBytes` of a stream (its first or its last bytes) and counts the rest. */
function createCapture(capBytes: number, keep: 'head' | 'tail'): Capture {
  const chunks: Buffer[] = [];
  let kept = 0;
  let total = 0;
  const push = keep === 'head'
    ? (chunk: Buffer): void => {
      const room = capBytes - kept;
      if (room <= 0) return;
      const part = chunk.subarray(0, room);
      chunks.push(part);
      kept += part.length;
    }
    : (chunk: Buffer): void => {
      chunks.push(chunk);
      kept += chunk.length;
      while (chunks.length > 1 && kept - chunks[0]!.length >= capBytes) kept -= chunks.shift()!.length;
    };
  return {
    push(chunk) {
      total += chunk.length;
      push(chunk);
      return total <= capBytes;
    },
    text() {
      const all = Buffer.concat(chunks);
      if (total <= capBytes) return all.toString('utf8');
      if (keep === 'head') {
        const head = all.subarray(0, completeEnd(all));
        return `${head.toString('utf8')}\n[output truncated: ${total - head.length} more bytes]\n`;
      }
      const start = charStart(all, Math.max(0, all.length - capBytes));
      return `[output truncated: ${total - (all.length - start)} earlier bytes]\n${all.subarray(start).toString('utf8')}`;
    },
    capped: () => total > capBytes,
  };
}

/** Where `bytes` ends without a character cut in two at its end. */
function completeEnd(bytes: Buffer): number {
  let lead = bytes.length - 1;
  while (lead > 0 && bytes.length - lead < 4 && isContinuation(bytes[lead]!)) lead--;
  const byte = bytes[lead] ?? 0;
  const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return lead + length > bytes.length ? lead : bytes.length;
}

/** The first character boundary at or after `at` (at most three bytes on). */
function charStart(bytes: Buffer, at: number): number {
  let index = at;
  while (index < bytes.length && index - at < 3 && isContinuation(bytes[index]!)) index++;
  return index;
}

function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}
