import { afterAll, describe, expect, it } from 'vitest';
import { openStateStore } from '../../src/adapters/store/open-state-store.ts';
import { openPostgresStateStore } from '../../src/adapters/store/postgres-state-store.ts';
import { AppError } from '../../src/core/outcome.ts';
import { describeStateStoreContract } from './state-store-contract.ts';
import { TEST_DATABASE_URL, dropSchema, freshSchemaName } from './postgres-test-database.ts';

const schema = freshSchemaName();
const clockedSchema = freshSchemaName();

afterAll(async () => {
  await dropSchema(schema);
  await dropSchema(clockedSchema);
});

describeStateStoreContract('PostgreSQL', () => openPostgresStateStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 4 }), {
  openWithClock: (clock) => openPostgresStateStore({ connectionString: TEST_DATABASE_URL, schema: clockedSchema, clock }),
});

describe('PostgreSQL state store', () => {
  it('openStateStore with a database URL uses PostgreSQL in the given schema', async () => {
    const store = await openStateStore({ dataDir: '/nonexistent/never-created', databaseUrl: TEST_DATABASE_URL, schema });
    const pr = { repo: 'acme/open-state-store', number: 1 };
    await store.setStickyCommentIds(pr, [9]);
    await store.close();
    const direct = await openPostgresStateStore({ connectionString: TEST_DATABASE_URL, schema });
    expect(await direct.getStickyCommentIds(pr)).toEqual([9]);
    await direct.close();
  });

  it('creates the schema idempotently when several stores open at once', async () => {
    const other = freshSchemaName();
    try {
      const stores = await Promise.all([1, 2, 3].map(() => openPostgresStateStore({ connectionString: TEST_DATABASE_URL, schema: other, maxConnections: 2 })));
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await dropSchema(other);
    }
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openPostgresStateStore({ connectionString: TEST_DATABASE_URL, schema: 'x; DROP TABLE y' })).rejects.toThrow(/invalid schema name/);
  });

  it('reports database errors as store AppErrors saying what was being done', async () => {
    const store = await openPostgresStateStore({ connectionString: TEST_DATABASE_URL, schema });
    await store.close();
    const error: unknown = await store.listLocks('acme/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'store', message: expect.stringMatching(/^listing locks of acme\/x: /) });
  });
});
