import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../ports/clock.ts';
import type { StateStore } from '../../ports/state-store.ts';
import { openPostgresStateStore } from './postgres-state-store.ts';
import { openSqliteStateStore } from './sqlite-state-store.ts';

export type OpenStateStoreOptions = {
  /** Where the SQLite file `state.sqlite` lives when no database URL is given; created when missing. */
  readonly dataDir: string;
  /** A PostgreSQL URL: use PostgreSQL (for several replicas) instead of SQLite. */
  readonly databaseUrl?: string;
  /** PostgreSQL schema for Sluice's tables; default `public`. */
  readonly schema?: string;
  readonly clock?: Clock;
};

/** The state store the server config asks for: PostgreSQL when `databaseUrl` is set, else SQLite in `dataDir`. */
export async function openStateStore(options: OpenStateStoreOptions): Promise<StateStore> {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    return openPostgresStateStore({ connectionString: options.databaseUrl, schema: options.schema, clock: options.clock });
  }
  await mkdir(options.dataDir, { recursive: true });
  return openSqliteStateStore({ path: join(options.dataDir, 'state.sqlite'), clock: options.clock });
}
