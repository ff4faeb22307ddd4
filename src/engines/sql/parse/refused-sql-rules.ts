/**
 * What pull-request SQL may not call (docs/warehouse-role.md), by function name: DuckDB's and
 * PostgreSQL's functions that reach the server's files, run SQL held in a string (which no parser check
 * could see into), change the warehouse's state, reach other servers or read secrets. The warehouse
 * settings and role refuse most of them again at run time; this list refuses them before anything runs,
 * with the reason and the place.
 */

export type RefusalReason = 'reads-files' | 'writes-files' | 'runs-sql-text' | 'changes-state' | 'reaches-out' | 'reads-secrets';

export const REFUSAL_TEXT: Readonly<Record<RefusalReason, string>> = {
  'reads-files': 'reading server files is not allowed in a pull-request build',
  'writes-files': 'writing server files is not allowed in a pull-request build',
  'runs-sql-text': 'running SQL held in a string is not allowed in a pull-request build',
  'changes-state': "changing the warehouse's state is not allowed in a pull-request build",
  'reaches-out': 'connecting to other databases or servers is not allowed in a pull-request build',
  'reads-secrets': "reading the warehouse's secrets is not allowed in a pull-request build",
};

const EXACT: ReadonlyMap<string, RefusalReason> = new Map<string, RefusalReason>([
  // DuckDB: files.
  ['glob', 'reads-files'], ['sniff_csv', 'reads-files'], ['st_read', 'reads-files'], ['st_readosm', 'reads-files'], ['st_read_meta', 'reads-files'],
  // PostgreSQL: files (the rest by prefix below).
  ['pg_stat_file', 'reads-files'], ['lo_import', 'reads-files'], ['lo_export', 'writes-files'],
  // SQL in a string: DuckDB runs it with `query`; PostgreSQL with the xml functions.
  ['query', 'runs-sql-text'], ['query_table', 'runs-sql-text'], ['json_execute_serialized_sql', 'runs-sql-text'],
  ['query_to_xml', 'runs-sql-text'], ['query_to_xmlschema', 'runs-sql-text'], ['query_to_xml_and_xmlschema', 'runs-sql-text'],
  ['cursor_to_xml', 'runs-sql-text'], ['cursor_to_xmlschema', 'runs-sql-text'],
  // State: sequences, checkpoints, logging, profiling, settings, other sessions.
  ['nextval', 'changes-state'], ['setval', 'changes-state'], ['checkpoint', 'changes-state'], ['force_checkpoint', 'changes-state'],
  ['enable_logging', 'changes-state'], ['disable_logging', 'changes-state'], ['truncate_duckdb_logs', 'changes-state'], ['write_log', 'changes-state'],
  ['enable_profiling', 'changes-state'], ['disable_profiling', 'changes-state'], ['enable_peg_parser', 'changes-state'], ['disable_peg_parser', 'changes-state'],
  ['set_config', 'changes-state'], ['pg_terminate_backend', 'changes-state'], ['pg_cancel_backend', 'changes-state'], ['pg_reload_conf', 'changes-state'],
  ['pg_rotate_logfile', 'changes-state'], ['pg_switch_wal', 'changes-state'], ['pg_create_restore_point', 'changes-state'], ['pg_promote', 'changes-state'],
  // Secrets.
  ['duckdb_secrets', 'reads-secrets'], ['which_secret', 'reads-secrets'],
]);

const PREFIXES: readonly (readonly [string, RefusalReason])[] = [
  ['read_', 'reads-files'], ['parquet_', 'reads-files'], ['iceberg_', 'reads-files'],
  ['pg_read_', 'reads-files'], ['pg_ls_', 'reads-files'], ['pg_file_', 'writes-files'], ['lo_', 'changes-state'],
  ['sqlite_', 'reaches-out'], ['postgres_', 'reaches-out'], ['mysql_', 'reaches-out'], ['dblink', 'reaches-out'], ['http_', 'reaches-out'],
];

/** Why a call of `name` (any case, any schema) is refused; undefined when it may run. */
export function refusalOf(name: string): RefusalReason | undefined {
  const n = name.toLowerCase();
  const exact = EXACT.get(n);
  if (exact !== undefined) return exact;
  const prefix = PREFIXES.find(([p]) => n.startsWith(p));
  if (prefix !== undefined) return prefix[1];
  // Table functions scanning something outside the warehouse: parquet_scan, arrow_scan, seq_scan, …
  return n.endsWith('_scan') ? 'reads-files' : undefined;
}

/**
 * A table named like a file (`FROM 'data.csv'`, `FROM "/etc/passwd"`): DuckDB would read the file
 * (a "replacement scan"). `literal` says the name was written as a string.
 */
export function isFileLikeTable(name: string, literal: boolean): boolean {
  return literal || /[/\\:]/.test(name) || /\.[A-Za-z][A-Za-z0-9]*$/.test(name);
}
