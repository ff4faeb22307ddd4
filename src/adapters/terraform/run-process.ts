import { spawn } from 'node:child_process';

export type ProcessRequest = {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** The complete environment of the child: nothing is inherited. */
  readonly env: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** Characters kept per stream; beyond it the oldest output is dropped and `truncated` set. */
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
 * Runs one process with an argument vector (never a shell) in its own process group, so a timeout or an
 * abort stops it and its children (providers): SIGINT first, SIGKILL after the grace period.
 */
export function runProcess(request: ProcessRequest): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const out = cappedBuffer(request.outputCap);
    const err = cappedBuffer(request.outputCap);
    const state = { timedOut: false, aborted: request.signal.aborted, spawnError: undefined as string | undefined };
    if (state.aborted) {
      resolve({ exitCode: null, stdout: '', stderr: '', timedOut: false, aborted: true, truncated: false });
      return;
    }
    const child = spawn(request.file, [...request.args], { cwd: request.cwd, env: { ...request.env }, shell: false, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const stop = (): void => {
      signalGroup(child.pid, 'SIGINT');
      setTimeout(() => signalGroup(child.pid, 'SIGKILL'), request.killGraceMs).unref();
    };
    const timer = setTimeout(() => { state.timedOut = true; stop(); }, request.timeoutMs);
    const onAbort = (): void => { state.aborted = true; stop(); };
    request.signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => out.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => err.push(chunk));
    child.on('error', (error) => { state.spawnError = error.message; });
    child.on('close', (code) => {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      const truncated = out.truncated() || err.truncated();
      const spawnError = state.spawnError === undefined ? {} : { spawnError: state.spawnError };
      resolve({ exitCode: code, stdout: out.text(), stderr: err.text(), timedOut: state.timedOut, aborted: state.aborted, truncated, ...spawnError });
    });
  });
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Keeps the last `cap` characters of a stream. */
function cappedBuffer(cap: number): { push(text: string): void; text(): string; truncated(): boolean } {
  let text = '';
  let dropped = false;
  return {
    push(chunk) {
      text += chunk;
      if (text.length > cap) {
        text = text.slice(text.length - cap);
        dropped = true;
      }
    },
    text: () => text,
    truncated: () => dropped,
  };
}
