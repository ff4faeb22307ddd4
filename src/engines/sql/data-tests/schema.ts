/**
 * Data tests run on a model's build: each is one SQL query in the warehouse whose rows are the failures.
 * Test definitions come from model metadata; results are plain data for the plan and the renderer.
 */
import { z } from 'zod';

export const TestTable = z.object({ schema: z.string(), table: z.string() });
export type TestTable = z.infer<typeof TestTable>;

const base = {
  /** Shown to the user; defaults to e.g. `not_null(marts.orders.id)`. */
  name: z.string().optional(),
  table: TestTable,
};

export const NotNullTest = z.object({ kind: z.literal('not_null'), ...base, column: z.string() });
/** The combination of `columns` is unique among rows where none of them is NULL. */
export const UniqueTest = z.object({ kind: z.literal('unique'), ...base, columns: z.array(z.string()).min(1) });
/** NULLs pass; any other value not listed fails. */
export const AcceptedValuesTest = z.object({
  kind: z.literal('accepted_values'), ...base, column: z.string(), values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
});
/** Every non-NULL `column` value exists in `to.field`. */
export const RelationshipsTest = z.object({ kind: z.literal('relationships'), ...base, column: z.string(), to: TestTable, field: z.string() });
export const RowCountTest = z.object({ kind: z.literal('row_count'), ...base, min: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() })
  .refine((t) => t.min !== undefined || t.max !== undefined, { message: 'row_count needs min, max or both' });
/** A query returning the failing rows; passes when it returns none. */
export const SqlAssertionTest = z.object({ kind: z.literal('sql'), name: z.string(), table: TestTable.optional(), sql: z.string().min(1) });

export const DataTest = z.union([NotNullTest, UniqueTest, AcceptedValuesTest, RelationshipsTest, RowCountTest, SqlAssertionTest]);
export type DataTest = z.infer<typeof DataTest>;

export const DataTestStatus = z.enum(['passed', 'failed', 'error']);
export type DataTestStatus = z.infer<typeof DataTestStatus>;

export const DataTestResult = z.object({
  name: z.string(),
  kind: z.string(),
  status: DataTestStatus,
  /**
   * How many failing rows the test query returned. For `unique` each is one duplicated value (with its
   * `occurrences`); for `row_count` the single row holds the observed `row_count`.
   */
  failingRows: z.number(),
  /** Up to 5 failing rows, `pii` columns masked. */
  examples: z.array(z.record(z.string(), z.unknown())),
  /** The warehouse's error when the test query itself failed. */
  error: z.string().optional(),
});
export type DataTestResult = z.infer<typeof DataTestResult>;
