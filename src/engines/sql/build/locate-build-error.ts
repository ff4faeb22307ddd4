/**
 * Where in the model file a warehouse error points: PostgreSQL gives a character position in the statement;
 * DuckDB prints `LINE n: <context>` with a caret under the spot. Either is mapped back through the PR
 * rewrite to the SQL the user wrote; failing that, the first whole-word use of a name the message quotes.
 */
import { offsetLocator } from '../parse/locate-offset.ts';
import type { BuildStatement } from './model-statements.ts';

export type BuildErrorInput = {
  readonly error: unknown;
  readonly statement: BuildStatement;
  /** The model's SQL as written. */
  readonly original: string;
  readonly toOriginal: (offset: number) => number;
};

export function locateBuildError(input: BuildErrorInput): { line: number; column: number } {
  const offset = statementOffset(input.error, input.statement.sql);
  const inSelect = offset === undefined ? undefined : offset - input.statement.selectOffset;
  const original = inSelect !== undefined && inSelect >= 0 ? input.toOriginal(inSelect) : nameOffset(input.error, input.original);
  if (original === undefined || original > input.original.length) return { line: 1, column: 1 };
  return charLocator(input.original)(original);
}

export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

function statementOffset(error: unknown, sql: string): number | undefined {
  const position = (error as { position?: unknown } | null)?.position;
  if (typeof position === 'string' && /^\d+$/.test(position)) return Number(position) - 1;
  const message = error instanceof Error ? error.message : '';
  const match = /LINE (\d+): (.*)\n( *)\^/.exec(message);
  if (match === null) return undefined;
  const lineNumber = Number(match[1]);
  const prefix = `LINE ${match[1]}: `.length;
  const context = match[2] ?? '';
  const caret = (match[3] ?? '').length - prefix;
  const lines = sql.split('\n');
  const lineStart = lines.slice(0, lineNumber - 1).reduce((n, l) => n + l.length + 1, 0);
  const line = lines[lineNumber - 1] ?? '';
  const dots = context.startsWith('...') ? 3 : 0;
  const found = line.indexOf(context.slice(dots).replace(/\.\.\.$/, ''));
  return lineStart + (found === -1 ? caret : found + caret - dots);
}

/**
 * The first use in the SQL of a name the error quotes (`"amt"`, a file `"/etc/passwd"` DuckDB refused
 * to open, the SQL function PostgreSQL was in) or a function it denied (`permission denied for function x`).
 */
function nameOffset(error: unknown, sql: string): number | undefined {
  const where = (error as { where?: unknown } | null)?.where;
  // PostgreSQL's `where`: the function the error happened in (`SQL function "peek" statement 1`).
  const message = `${error instanceof Error ? error.message : String(error)}\n${typeof where === 'string' ? where : ''}`;
  const quoted = [...message.matchAll(/"([^"\n]+)"/g)].map((m) => m[1] ?? '');
  const functions = [...message.matchAll(/\bfunction ([A-Za-z_][\w.]*)/g)].map((m) => m[1] ?? '');
  for (const name of [...quoted, ...functions]) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, 'i').exec(sql);
    if (name !== '' && match !== null) return match.index;
  }
  return undefined;
}

function charLocator(sql: string): (offset: number) => { line: number; column: number } {
  const byBytes = offsetLocator(sql);
  return (offset) => byBytes(Buffer.byteLength(sql.slice(0, offset), 'utf8'));
}
