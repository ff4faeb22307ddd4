/**
 * Where a pull request's environment lives beside a DuckDB warehouse file: one database file per pull
 * request, `<warehouse file>.pr-environments/<owner>+<name>+<number>.duckdb`. One file per pull request, so
 * two pull requests planned at once never write the same file; removing the PR's environment removes the file.
 */
import { basename, dirname, join } from 'node:path';
import type { PullRequestRef } from '../../core/pull-request.ts';

export function prEnvironmentDir(warehousePath: string): string {
  return join(dirname(warehousePath), `${basename(warehousePath)}.pr-environments`);
}

/** GitHub owner and repository names never hold `+`, so `owner/name` → `owner+name` cannot collide. */
export function prEnvironmentPath(warehousePath: string, pr: PullRequestRef): string {
  const repo = pr.repo.replaceAll('/', '+').replace(/[^A-Za-z0-9._+-]/g, '_');
  return join(prEnvironmentDir(warehousePath), `${repo}+${pr.number}.duckdb`);
}

/** The files DuckDB keeps for a database file. */
export function databaseFiles(path: string): string[] {
  return [path, `${path}.wal`];
}
