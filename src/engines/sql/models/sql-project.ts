import type { SourceLocation } from '../../../core/outcome.ts';
import type { SqlModelMeta, SqlSource } from '../../../config/sql-model-schema.ts';

/** One model: a `.sql` file holding one SELECT, with its optional sidecar metadata. */
export type SqlModel = {
  /** `schema.name`, from the path under `models/` unless the metadata names it. */
  readonly name: string;
  /** Path of the `.sql` file relative to the project dir, POSIX separators. */
  readonly file: string;
  readonly sql: string;
  readonly meta: SqlModelMeta;
  /** Path of the sidecar YAML relative to the project dir, when there is one. */
  readonly metaFile?: string;
  /** Where metadata entries are written, by key path: `grain.0`, `columns.email`, `tests.2`. */
  readonly metaLocations?: Readonly<Record<string, SourceLocation>>;
};

/** A declared raw input, `schema.table`. */
export type SqlSourceTable = SqlSource & { readonly name: string };

/** A loaded, validated SQL project: models sorted by name, sources as declared. */
export type SqlProject = {
  readonly models: readonly SqlModel[];
  readonly sources: readonly SqlSourceTable[];
};

/** The project's files that matter, by path relative to the project dir (what `loadSqlProject` reads). */
export type SqlProjectFiles = ReadonlyMap<string, string>;

/** Where models live inside a project, and the sources file at its root. */
export const MODELS_DIR = 'models';
export const SOURCES_FILE = 'sources.yaml';
