import { z } from 'zod';
import { SqlLineageGraph, SqlNodeStatus } from '../../../core/plans/sql-plan.ts';

export { SqlLineageGraph, SqlNodeStatus };

/** The output of change detection for a SQL project: plain, serializable data for the engine and renderer. */

export const SqlChangeCategory = z.enum(['breaking', 'non-breaking']);
export type SqlChangeCategory = z.infer<typeof SqlChangeCategory>;

/** A downstream model a change reaches; `columns` null when every column may change (or they are unknown). */
export const SqlImpact = z.object({
  model: z.string(),
  columns: z.array(z.string()).nullable(),
});
export type SqlImpact = z.infer<typeof SqlImpact>;

export const SqlModifiedModel = z.object({
  model: z.string(),
  file: z.string(),
  category: SqlChangeCategory,
  /** Short and human: "`amount` retyped (DECIMAL(10,2) → INTEGER)", "`status` filter changed". Breaking ones first. */
  reasons: z.array(z.string()),
  /** Downstream models (and columns, with column lineage) a breaking change reaches; empty when non-breaking. */
  impacts: z.array(SqlImpact),
});
export type SqlModifiedModel = z.infer<typeof SqlModifiedModel>;

/** Downstream of a directly modified model, unchanged itself: rebuilt in the PR environment. */
export const SqlIndirectModel = z.object({
  model: z.string(),
  file: z.string(),
  /** The directly modified models upstream of it. */
  upstream: z.array(z.string()),
  /** Reached by a breaking change (its data may change), not only by additions. */
  breaking: z.boolean(),
  columns: z.array(z.string()).nullable(),
});
export type SqlIndirectModel = z.infer<typeof SqlIndirectModel>;

export const SqlChangeSet = z.object({
  added: z.array(z.object({ model: z.string(), file: z.string() })),
  removed: z.array(z.object({ model: z.string(), file: z.string() })),
  modified: z.array(SqlModifiedModel),
  indirect: z.array(SqlIndirectModel),
  lineage: SqlLineageGraph,
});
export type SqlChangeSet = z.infer<typeof SqlChangeSet>;

export function hasSqlChanges(changes: SqlChangeSet): boolean {
  return changes.added.length + changes.removed.length + changes.modified.length > 0;
}
