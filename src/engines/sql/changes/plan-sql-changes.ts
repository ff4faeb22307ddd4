import { ok, within } from '../../../core/outcome.ts';
import type { Result } from '../../../core/outcome.ts';
import { analyzeSqlProject } from '../lineage/analyze-sql-project.ts';
import type { AnalyzedSqlProject } from '../lineage/analyzed-project.ts';
import { loadSqlProject } from '../models/load-sql-project.ts';
import type { SqlProject } from '../models/sql-project.ts';
import { createSqlParser } from '../parse/sql-parser.ts';
import type { SqlParser } from '../parse/sql-parser.ts';
import { diffSqlProjects } from './diff-sql-projects.ts';
import type { SqlChangeSet } from './sql-change-set.ts';

export type SqlChangePlan = {
  readonly base: AnalyzedSqlProject;
  readonly head: AnalyzedSqlProject;
  readonly changes: SqlChangeSet;
};

/**
 * Loads the project at the PR's base and head, parses every model of both in one DuckDB call (a model
 * unchanged between them is parsed once), and compares them. Problems in the head are the PR's to fix
 * and are reported located. The base is read leniently (a PR may fix a broken base): bad metadata reads
 * as defaults and models that do not parse count as changed; only unreadable base files fail the plan.
 */
export async function planSqlChanges(baseDir: string, headDir: string, options: { parser?: SqlParser } = {}): Promise<Result<SqlChangePlan>> {
  const [base, head] = await Promise.all([loadSqlProject(baseDir, { lenient: true }), loadSqlProject(headDir)]);
  if (!head.ok) return head;
  if (!base.ok) return within('reading the base branch', base);
  const parser = options.parser ?? (await createSqlParser());
  try {
    const analyzed = await analyzeBoth(parser, base.value, head.value);
    if (!analyzed.ok) return analyzed;
    return ok({ ...analyzed.value, changes: diffSqlProjects(analyzed.value.base, analyzed.value.head) });
  } finally {
    if (options.parser === undefined) parser.close();
  }
}

/** Analyzes two versions of a project with one parse call. */
export async function analyzeBoth(parser: SqlParser, base: SqlProject, head: SqlProject): Promise<Result<{ base: AnalyzedSqlProject; head: AnalyzedSqlProject }>> {
  const parsed = await parser.parse([...head.models, ...base.models].map((m) => m.sql));
  const analyzedHead = analyzeSqlProject(head, parsed.slice(0, head.models.length));
  if (!analyzedHead.ok) return analyzedHead;
  const analyzedBase = analyzeSqlProject(base, parsed.slice(head.models.length), { lenient: true });
  if (!analyzedBase.ok) return within('reading the base branch', analyzedBase);
  return ok({ base: analyzedBase.value, head: analyzedHead.value });
}
