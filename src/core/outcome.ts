/**
 * Two outcome channels (ARCHITECTURE.md § Style 5).
 * A `Failure` is expected and actionable: it is rendered to the user.
 * An `AppError` is unexpected: logged with its cause, shown briefly with the delivery id.
 * Both carry a `code`; never branch on a message.
 */

export type FailureCode =
  | 'config_invalid'
  | 'command_unknown'
  | 'command_invalid'
  | 'project_unknown'
  | 'lock_held'
  | 'requirements_unmet'
  | 'plan_missing'
  | 'plan_stale'
  | 'not_authorized'
  | 'cycle'
  | 'engine_failed'
  /** No engine for the project's kind is installed. */
  | 'engine_missing'
  /** A git command failed (an unknown ref, a repository without commits, git missing). */
  | 'git_failed'
  /** Reading or writing a local file failed (the local plan file, an extracted base tree). */
  | 'io_failed'
  | 'apply_failed'
  | 'cancelled'
  | 'interrupted'
  | 'target_unknown'
  | 'target_unsafe'
  /** Infrastructure whose state would live in the checkout (a local backend): apply refused. */
  | 'state_local';

/** A place in a file, 1-based line and column. */
export type SourceLocation = {
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
};

export type Failure = {
  readonly ok: false;
  readonly code: FailureCode;
  /** One sentence for the user, reading as a chain of what was being done. */
  readonly message: string;
  /** Where the problem is, when it has a place. */
  readonly location?: SourceLocation;
  /** Further located problems (e.g. every config error, not only the first). */
  readonly problems?: readonly Problem[];
  /** What the user can do next, in words; commands in it come from `format()`. */
  readonly hint?: string;
};

export type Problem = { message: string; location?: SourceLocation };

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Result<T> = Ok<T> | Failure;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function failure(
  code: FailureCode,
  message: string,
  extra: { location?: SourceLocation; problems?: readonly Problem[]; hint?: string } = {},
): Failure {
  return { ok: false, code, message, ...extra };
}

export function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false
    && typeof (value as { code?: unknown }).code === 'string';
}

/**
 * A Failure carried through a throw, where a callback cannot return one (a warehouse factory, a transaction
 * body): an Error with the Failure on it, caught back into a value with `failureOf`. Never a plain object.
 */
export class FailureError extends Error {
  readonly failure: Failure;
  constructor(f: Failure) {
    super(f.message);
    this.name = 'FailureError';
    this.failure = f;
  }
}

/** Throws `f` as a FailureError. */
export function raise(f: Failure): never {
  throw new FailureError(f);
}

/** The Failure a caught value carries (a FailureError, or a Failure value), else undefined. */
export function failureOf(cause: unknown): Failure | undefined {
  if (cause instanceof FailureError) return cause.failure;
  return isFailure(cause) ? cause : undefined;
}

export type AppErrorCode = 'github_api' | 'git' | 'store' | 'engine_crash' | 'internal' | 'timeout';

/** Unexpected error: carries a code and the cause chain. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  constructor(code: AppErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

/** Prefix a failure's message with what was being done: `planning analytics: …`. */
export function within(context: string, f: Failure): Failure {
  return { ...f, message: `${context}: ${f.message}` };
}
