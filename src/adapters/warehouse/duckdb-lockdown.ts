/**
 * The DuckDB settings that keep SQL inside the warehouse (docs/warehouse-role.md): no server files (no
 * `read_text`, `read_csv`, `glob`, `COPY … TO`, `ATTACH` of another file, `EXPORT DATABASE`), no extension
 * installed or loaded, and a locked configuration, so no statement can `SET` any of it back. The database
 * files an instance has open (and their WAL) stay usable: DuckDB allows exactly those.
 */
export const NO_EXTENSIONS: Readonly<Record<string, string>> = {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  allow_community_extensions: 'false',
};

/** As instance options: for an instance that opens its one database file and attaches nothing. */
export const LOCKED_AT_START: Readonly<Record<string, string>> = {
  ...NO_EXTENSIONS,
  enable_external_access: 'false',
  lock_configuration: 'true',
};

/** As statements, in this order: for an instance that first attached what it needs. */
export const LOCK_STATEMENTS: readonly string[] = ['SET enable_external_access = false', 'SET lock_configuration = true'];
