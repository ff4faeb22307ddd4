import type { Failure } from '../core/outcome.ts';
import { formatProblem } from '../config/parse-yaml-located.ts';
import { terminalStyle, wantsColor, type Style } from './terminal-style.ts';

/** Where a command writes, and what the terminal can do. */
export type Io = { out: (s: string) => void; err: (s: string) => void };

export type Terminal = {
  readonly style: Style;
  readonly width: number;
  /** Transient progress on stderr (a TTY only); `done()` clears the line. */
  readonly progress: (message: string) => void;
  readonly done: () => void;
};

/** The terminal of this process: colour and progress only on a TTY. */
export function processTerminal(env: NodeJS.ProcessEnv): Terminal {
  const tty = process.stderr.isTTY === true;
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  const state = { frame: 0 };
  const width = process.stderr.columns ?? 100;
  return {
    style: terminalStyle(wantsColor(process.stdout, env)),
    width: process.stdout.columns ?? 100,
    progress: (message) => {
      if (!tty) return;
      state.frame = (state.frame + 1) % frames.length;
      process.stderr.write(`\r\u001b[K${frames[state.frame]} ${message.slice(0, width - 4)}`);
    },
    done: () => {
      if (tty) process.stderr.write('\r\u001b[K');
    },
  };
}

/** A terminal for tests and pipes: no colour, no progress. */
export function plainTerminal(width = 100): Terminal {
  return { style: terminalStyle(false), width, progress: () => undefined, done: () => undefined };
}

/** Prints a failure with its located problems and hint; returns exit code 1. */
export function reportFailure(io: Io, f: Failure): 1 {
  const where = f.location === undefined ? '' : `${formatProblem({ message: '', location: f.location }).replace(/: $/, '')}: `;
  io.err(`sluice: ${where}${f.message}\n`);
  for (const problem of f.problems ?? []) io.err(`  ${formatProblem(problem)}\n`);
  if (f.hint !== undefined) io.err(`  hint: ${f.hint}\n`);
  return 1;
}
