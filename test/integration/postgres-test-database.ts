/** A fresh PostgreSQL schema per test file, so files can run in parallel against one database. */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env['SLUICE_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export function freshSchemaName(): string {
  return `sluice_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
