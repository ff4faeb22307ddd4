/**
 * Reads the versions `sluice version` reports (ARCHITECTURE.md § 4). Each read may fail or hang: the
 * service (`gatherVersions`) caps it with a timeout, aborts `signal` when it runs over, and words a failure
 * from the thrown error's message. Messages never carry a connection URL.
 */
export interface VersionProbe {
  /** The running Node's version, e.g. `v24.1.0`. */
  readonly node: string;
  /** The DuckDB library's version (`select version()` on an in-memory database), e.g. `v1.3.2`. */
  duckdb(signal: AbortSignal): Promise<string>;
  /** The target's PostgreSQL server version (`show server_version`), e.g. `16.4`; throws when it cannot connect. */
  postgres(target: { readonly name: string; readonly url_env: string }, signal: AbortSignal): Promise<string>;
  /**
   * The terraform/tofu binary the target uses (its `binary`, else `terraform` or `tofu` on PATH) and its
   * `version -json`; undefined when there is none.
   */
  terraform(target: { readonly binary?: string | undefined }, signal: AbortSignal): Promise<{ readonly tool: string; readonly version: string } | undefined>;
}
