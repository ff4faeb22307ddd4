/**
 * The data diff of one model, as the SQL plan carries it: the schemas live with the plan's types in
 * src/core/plans/sql-data-diff.ts (one source of truth for the engine, render and the CLI).
 */
export {
  ChangedSample, ColumnDiff, ColumnProfile, DataDiff, DiffColumn, DiffSamples, GrainCheck, NumericStats, RowDiff, SchemaDiff, TableRef,
} from '../../../core/plans/sql-data-diff.ts';

/** What a masked (`pii`) value reads in samples and failing rows. */
export const MASKED = '•••';
