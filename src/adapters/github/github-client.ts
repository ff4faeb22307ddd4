import type { Octokit } from '@octokit/rest';
import type { z } from 'zod';
import { AppError } from '../../core/outcome.ts';
import type { PullRequestRef } from '../../core/pull-request.ts';

/**
 * The slice of an Octokit the adapter uses: typed `rest.*` methods and `paginate`.
 * Both `@octokit/rest`'s Octokit and Probot's `context.octokit` satisfy it.
 */
export type GitHubClient = Pick<Octokit, 'rest' | 'paginate'>;

export type RepoCoordinates = { readonly owner: string; readonly repo: string };

const REPO_NAME = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;

/** `owner/name` → `{ owner, repo }`; anything else is a programming error. */
export function splitRepo(fullName: string): RepoCoordinates {
  const match = REPO_NAME.exec(fullName);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new AppError('internal', `resolving repository: "${fullName}" is not "owner/name"`);
  }
  return { owner: match[1], repo: match[2] };
}

export function pullParams(pr: PullRequestRef): RepoCoordinates & { pull_number: number } {
  return { ...splitRepo(pr.repo), pull_number: pr.number };
}

export function issueParams(pr: PullRequestRef): RepoCoordinates & { issue_number: number } {
  return { ...splitRepo(pr.repo), issue_number: pr.number };
}

/** The HTTP status of an Octokit `RequestError`, read structurally (never from the message). */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

export function isNotFound(error: unknown): boolean {
  return httpStatus(error) === 404;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Wraps an unexpected error as `AppError('github_api', '<doing>: <cause>')`; AppErrors pass through. */
export function toGitHubError(doing: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const status = httpStatus(error);
  const prefix = status === undefined ? '' : `HTTP ${status}: `;
  return new AppError('github_api', `${doing}: ${prefix}${describe(error)}`, { cause: error });
}

/** Runs one API use, naming what was being done in the error chain. */
export async function callGitHub<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toGitHubError(doing, error);
  }
}

/** Validates the part of a response the adapter depends on. */
export function parseResponse<S extends z.ZodType>(schema: S, data: unknown, doing: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new AppError('github_api', `${doing}: unexpected response: ${issues}`, { cause: parsed.error });
  }
  return parsed.data;
}
