import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStateStore } from '../../src/adapters/store/open-state-store.ts';
import { DatabaseSync } from 'node:sqlite';
import { SQLITE_SCHEMA } from '../../src/adapters/store/sqlite-schema.ts';
import { openSqliteStateStore } from '../../src/adapters/store/sqlite-state-store.ts';
import { describeStateStoreContract } from './state-store-contract.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-sqlite-store-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeStateStoreContract('SQLite file', () => openSqliteStateStore({ path: join(dir, 'contract.sqlite') }), {
  openWithClock: (clock) => openSqliteStateStore({ path: ':memory:', clock }),
});

describe('SQLite state store', () => {
  it('opens a private in-memory database for :memory:', async () => {
    const first = await openSqliteStateStore({ path: ':memory:' });
    const second = await openSqliteStateStore({ path: ':memory:' });
    await first.setStickyCommentIds({ repo: 'acme/a', number: 1 }, [1]);
    expect(await second.getStickyCommentIds({ repo: 'acme/a', number: 1 })).toEqual([]);
    await first.close();
    await second.close();
  });

  it('openStateStore without a database URL creates <dataDir>/state.sqlite', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const store = await openStateStore({ dataDir });
    await store.appendAudit({ at: '2024-01-01T00:00:00Z', pr: { repo: 'acme/a', number: 1 }, actor: 'a', action: 'plan', detail: {} });
    await store.close();
    expect((await stat(join(dataDir, 'state.sqlite'))).isFile()).toBe(true);
    const reopened = await openStateStore({ dataDir });
    expect(await reopened.listAudit({ repo: 'acme/a', number: 1 })).toHaveLength(1);
    await reopened.close();
  });

  it('upgrades a database made before cancel requests existed, keeping its jobs', async () => {
    const path = join(dir, 'older.sqlite');
    const old = new DatabaseSync(path);
    old.exec(SQLITE_SCHEMA.replace(',\n  cancel_requested_at TEXT', ''));
    expect(old.prepare('PRAGMA table_info(jobs)').all().map((r) => r['name'])).not.toContain('cancel_requested_at');
    old.prepare(`INSERT INTO jobs (id, delivery_id, repo, pr, actor, request, status, created_at)
      VALUES ('old-job', 'old-delivery', 'acme/old', 1, 'dana', '{"type":"closed"}', 'queued', '2026-01-01T00:00:00.000Z')`).run();
    old.close();
    const store = await openSqliteStateStore({ path });
    try {
      expect((await store.listJobs({ repo: 'acme/old', number: 1 })).map((j) => [j.id, j.status])).toEqual([['old-job', 'queued']]);
      await store.claimJob('w1');
      expect((await store.requestCancel({ repo: 'acme/old', number: 1 })).map((j) => j.id)).toEqual(['old-job']);
      expect(await store.cancelRequested(['old-job'])).toEqual(['old-job']);
    } finally {
      await store.close();
    }
  });

  it('closing twice is harmless', async () => {
    const store = await openSqliteStateStore({ path: ':memory:' });
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});
