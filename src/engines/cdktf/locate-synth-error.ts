import { fileURLToPath } from 'node:url';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { SourceLocation } from '../../core/outcome.ts';
import { isInside } from './resolve-app-command.ts';

export type SynthErrorSummary = {
  /** The line that names the error, e.g. `Error: bucket name is required` or `main.ts(3,7): error TS2322: …`. */
  readonly message?: string;
  /** The first place in the app's own sources (not node_modules), relative to the app folder. */
  readonly location?: SourceLocation;
};

/** `path:line[:col]`, `path(line,col)` (tsc), with or without `file://`, as they appear in stack traces and compiler output. */
const PLACE = /((?:file:\/\/)?[^\s()'"`<>,]*?[^\s()'"`<>,:]\.(?:[cm]?[jt]sx?|py|go|java|cs))(?::(\d+)(?::(\d+))?|\((\d+),(\d+)\))/g;
const ERROR_LINE = /^\s*(?:[\w.]*(?:Error|Exception)\b(?: \[\w+\])?:|.*\berror TS\d+:|.*: ERROR: |Traceback )/;

/** Reads a failed synth's output for what went wrong and where, in the app's terms. */
export function locateSynthError(output: string, appDir: string): SynthErrorSummary {
  const lines = output.split(/\r?\n/);
  const errorLine = lines.find((line) => ERROR_LINE.test(line))?.trim();
  const location = firstAppLocation(lines, resolve(appDir));
  return {
    ...(errorLine === undefined ? {} : { message: errorLine }),
    ...(location === undefined ? {} : { location }),
  };
}

function firstAppLocation(lines: readonly string[], appDir: string): SourceLocation | undefined {
  const found = lines.flatMap((line) => [...line.matchAll(PLACE)].flatMap((m) => toLocation(m, appDir)));
  const [first] = found;
  if (first === undefined || first.column !== undefined) return first;
  // Node's header names `file:line` only; a stack frame further down usually has the column too.
  return found.find((l) => l.file === first.file && l.line === first.line && l.column !== undefined) ?? first;
}

function toLocation(match: RegExpMatchArray, appDir: string): SourceLocation[] {
  const file = toAppRelative(match[1] ?? '', appDir);
  if (file === undefined) return [];
  const column = match[3] ?? match[5];
  return [{ file, line: Number(match[2] ?? match[4]), ...(column === undefined ? {} : { column: Number(column) }) }];
}

function toAppRelative(raw: string, appDir: string): string | undefined {
  let path = raw;
  if (raw.startsWith('file://')) {
    try {
      path = fileURLToPath(raw);
    } catch {
      return undefined;
    }
  }
  const absolute = isAbsolute(path) ? path : resolve(appDir, path);
  if (!isInside(absolute, appDir)) return undefined;
  const rel = relative(appDir, absolute);
  if (rel === '' || rel.split(sep).includes('node_modules')) return undefined;
  return rel.split(sep).join('/');
}

/** The last lines of the output, for the failure message (redacted at the code-host boundary; nothing is hidden here). */
export function outputTail(output: string, options: { lines: number; chars: number }): string {
  const tail = output.trimEnd().split(/\r?\n/).slice(-options.lines).join('\n');
  return tail.length <= options.chars ? tail : `…${tail.slice(-options.chars)}`;
}
