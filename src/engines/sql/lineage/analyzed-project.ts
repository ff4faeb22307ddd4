import type { QueryShape } from '../parse/query-shape.ts';
import type { SqlModel, SqlProject } from '../models/sql-project.ts';

/** A column of a model and the upstream columns it is computed from (`schema.table.column`, lower-cased). */
export type LineageColumn = { readonly name: string; readonly sources: readonly string[] };

export type ModelLineage = {
  /** Output columns in order; `undefined` when they cannot be known (a `*` over a source without declared columns). */
  readonly columns: readonly LineageColumn[] | undefined;
  /** Upstream columns that decide which rows there are (filters, joins, grouping), `table.*` for a whole table. */
  readonly rowSources: readonly string[];
};

export type AnalyzedModel = {
  readonly model: SqlModel;
  readonly shape: QueryShape;
  /** Fingerprint of the normalized query and the metadata: equal means unchanged. */
  readonly fingerprint: string;
  /** Models and sources it reads, lower-cased names, in order of first mention. */
  readonly dependsOn: readonly string[];
  readonly lineage: ModelLineage;
  /** Its SQL did not parse (only in a leniently read base branch): its outline is empty. */
  readonly unparsed?: true;
};

/** A project whose SQL parsed, whose tables all resolve, without cycles. */
export type AnalyzedSqlProject = {
  readonly project: SqlProject;
  /** By lower-cased model name. */
  readonly models: ReadonlyMap<string, AnalyzedModel>;
  /** Lower-cased model names, each after the models it reads. */
  readonly order: readonly string[];
};
