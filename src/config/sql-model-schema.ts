import { z } from 'zod';

/**
 * Schemas of a SQL project's own files (docs/sql-models.md): the sidecar `<model>.yaml` next to each
 * `<model>.sql`, and `sources.yaml` at the project root. Keys are snake_case like `sluice.yaml`.
 */

/** A SQL identifier as written in a model: letters, digits, `_`; no quoting needed. */
const Identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'must be a SQL identifier (letters, digits, "_")');

/** `schema.table` or `table`. */
const ModelName = z.string().regex(/^([A-Za-z_][A-Za-z0-9_]*\.)?[A-Za-z_][A-Za-z0-9_]*$/, 'must be "schema.name" or "name"');

export const SqlModelKind = z.enum(['view', 'table', 'incremental']);
export type SqlModelKind = z.infer<typeof SqlModelKind>;

/** Data tests, each one key: `not_null: [id]`, `row_count: { min: 1 }`, `sql: select … returning failing rows`. */
export const SqlModelTest = z.union([
  z.strictObject({ not_null: z.array(Identifier).min(1) }),
  z.strictObject({ unique: z.array(Identifier).min(1) }),
  z.strictObject({ accepted_values: z.strictObject({ column: Identifier, values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) }) }),
  z.strictObject({ relationships: z.strictObject({ column: Identifier, to: ModelName, field: Identifier }) }),
  z.strictObject({
    row_count: z.strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
      .refine((r) => r.min !== undefined || r.max !== undefined, 'needs min or max'),
  }),
  z.strictObject({ sql: z.string().min(1), name: z.string().min(1).optional() }),
], { error: 'expected one of not_null, unique, accepted_values, relationships, row_count, sql' });
export type SqlModelTest = z.infer<typeof SqlModelTest>;

export const SqlColumnMeta = z.strictObject({
  description: z.string().optional(),
  /** Free tags; `pii` masks the column in sample rows. */
  tags: z.array(z.string().min(1)).default([]),
});
export type SqlColumnMeta = z.infer<typeof SqlColumnMeta>;

/** The sidecar `<model>.yaml`. Every key is optional: a model without one is a view named by its path. */
export const SqlModelMeta = z.strictObject({
  /** Overrides the name derived from the path (`models/marts/orders.sql` → `marts.orders`). */
  name: ModelName.optional(),
  kind: SqlModelKind.default('view'),
  /** Primary-key columns: what identifies a row. Enables row-level data diffs. */
  grain: z.array(Identifier).default([]),
  owner: z.string().min(1).optional(),
  /** Free tags of the model, read by policies (the default pack treats `critical` specially). */
  tags: z.array(z.string().min(1)).default([]),
  description: z.string().optional(),
  columns: z.record(Identifier, SqlColumnMeta).default({}),
  tests: z.array(SqlModelTest).default([]),
  /** For `incremental` models: the column that orders rows in time (bounds the PR build window). */
  time_column: Identifier.optional(),
});
export type SqlModelMeta = z.infer<typeof SqlModelMeta>;

export const SqlSource = z.strictObject({
  schema: Identifier,
  table: Identifier,
  /** A timestamp column telling how fresh the data is. */
  loaded_at: Identifier.optional(),
  description: z.string().optional(),
  columns: z.record(Identifier, SqlColumnMeta).default({}),
});
export type SqlSource = z.infer<typeof SqlSource>;

/** `sources.yaml` at the project root: the raw inputs models may read. */
export const SqlSourcesFile = z.strictObject({
  sources: z.array(SqlSource).default([]),
});
export type SqlSourcesFile = z.infer<typeof SqlSourcesFile>;
