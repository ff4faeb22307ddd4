/**
 * The data diff of one model: its production table (`before`) against its PR build (`after`).
 * Plain data for the plan and the renderer; every count is computed inside the warehouse.
 * Lives in core: the SQL plan's report carries it, the engine computes it and render and the CLI display it.
 */
import { z } from 'zod';

const Value: z.ZodType<unknown> = z.unknown();

export const TableRef = z.object({ schema: z.string(), table: z.string() });
export type TableRef = z.infer<typeof TableRef>;

export const DiffColumn = z.object({ name: z.string(), type: z.string() });

export const SchemaDiff = z.object({
  added: z.array(DiffColumn),
  removed: z.array(DiffColumn),
  retyped: z.array(z.object({ name: z.string(), before: z.string(), after: z.string() })),
});
export type SchemaDiff = z.infer<typeof SchemaDiff>;

const SideGrain = z.object({
  /** Rows whose key has a NULL in any grain column. */
  nullKeys: z.number(),
  /** Distinct non-null key values that occur on more than one row. */
  duplicateKeys: z.number(),
});

export const GrainCheck = z.object({
  columns: z.array(z.string()),
  /** False when the identical-tables fast path answered: no row-level diff was needed. */
  checked: z.boolean(),
  /** False when either side has null or duplicate keys: row counts below are then not trustworthy. */
  reliable: z.boolean(),
  before: SideGrain,
  after: SideGrain,
});
export type GrainCheck = z.infer<typeof GrainCheck>;

/** Percentages are of the production row count (`before`), 0–100, rounded to 2 decimals; null when it is 0. */
export const RowDiff = z.object({
  before: z.number(),
  after: z.number(),
  added: z.number(),
  removed: z.number(),
  changed: z.number(),
  unchanged: z.number(),
  pct: z.object({ added: z.number().nullable(), removed: z.number().nullable(), changed: z.number().nullable(), unchanged: z.number().nullable() }),
});
export type RowDiff = z.infer<typeof RowDiff>;

export const NumericStats = z.object({
  mean: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  /** Share of NULLs, 0–1. */
  nullRate: z.number().nullable(),
});
export type NumericStats = z.infer<typeof NumericStats>;

/** Per common column, over the rows matched by key (changed or unchanged). */
export const ColumnDiff = z.object({
  name: z.string(),
  type: z.string(),
  /** Matched rows whose value differs (NULL-safe). */
  changed: z.number(),
  /** `changed` as a percentage of matched rows. */
  pctChanged: z.number().nullable(),
  /** Numeric columns only: the column's statistics over the changed rows, before and after. */
  shift: z.object({ before: NumericStats, after: NumericStats }).optional(),
});
export type ColumnDiff = z.infer<typeof ColumnDiff>;

export const SampleRow = z.record(z.string(), Value);
export const ChangedSample = z.object({
  key: SampleRow,
  before: SampleRow,
  after: SampleRow,
  changedColumns: z.array(z.string()),
});
export type ChangedSample = z.infer<typeof ChangedSample>;

export const DiffSamples = z.object({
  added: z.array(SampleRow),
  removed: z.array(SampleRow),
  changed: z.array(ChangedSample),
});
export type DiffSamples = z.infer<typeof DiffSamples>;

/** A column profile for tables compared without a grain. */
export const ColumnProfile = z.object({
  name: z.string(),
  /** Over the whole table; `mean`, `min` and `max` only for numeric columns. */
  before: NumericStats.partial(),
  after: NumericStats.partial(),
});
export type ColumnProfile = z.infer<typeof ColumnProfile>;

export const DataDiff = z.object({
  before: TableRef,
  after: TableRef,
  schema: SchemaDiff,
  /** Same columns and the same multiset of rows (checksum of every row on both sides). */
  identical: z.boolean(),
  /** Absent when there is no grain and the tables are not identical. */
  grain: GrainCheck.optional(),
  /** Row counts of both sides, always known. */
  rowCount: z.object({ before: z.number(), after: z.number() }),
  /** Row-level counts by grain key; absent for tables without a grain (unless identical). */
  rows: RowDiff.optional(),
  columns: z.array(ColumnDiff),
  /** Tables without a grain: per-column profiles on both sides instead of row-level counts. */
  profiles: z.array(ColumnProfile).optional(),
  samples: DiffSamples,
  /** Short remarks for the reader, e.g. that a grain enables row-level diffs. */
  notes: z.array(z.string()),
});
export type DataDiff = z.infer<typeof DataDiff>;

