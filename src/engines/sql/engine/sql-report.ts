/**
 * What the renderer shows of a `sql` plan, under `PlanBody.facts.report` (with `facts.engine === 'sql'`):
 * per model its status, reasons and data diff (samples already masked), and the lineage picture.
 */
import type { DataDiff } from '../data-diff/schema.ts';

export type SqlReportStatus = 'added' | 'breaking' | 'non-breaking' | 'indirect' | 'removed';

export type SqlReportModel = {
  readonly name: string;
  readonly status: SqlReportStatus;
  readonly reasons: readonly string[];
  /** Production has no such table yet: no diff. */
  readonly isNew?: boolean;
  readonly diff?: DataDiff;
  readonly diffError?: string;
  /** Incremental models: the PR build (and its diff) cover rows since then only. */
  readonly windowSince?: string;
};

export type SqlReport = {
  readonly counts: Readonly<Record<SqlReportStatus, number>>;
  readonly models: readonly SqlReportModel[];
  /** Mermaid flowchart of changed and impacted models. */
  readonly lineage: string;
  readonly windowDays: number;
};
