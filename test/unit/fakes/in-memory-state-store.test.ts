import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/outcome.ts';
import { describeStateStoreContract, newJob, planOf } from '../../integration/state-store-contract.ts';
import { createInMemoryStateDatabase, openInMemoryStateStore } from '../../fakes/in-memory-state-store.ts';

const database = createInMemoryStateDatabase();
describeStateStoreContract('in memory', () => database.open(), { openWithClock: (clock) => openInMemoryStateStore({ clock }) });

describe('in-memory state store', () => {
  const pr = { repo: 'acme/a', number: 1 };

  it('keeps separate databases apart', async () => {
    const first = await openInMemoryStateStore();
    const second = await openInMemoryStateStore();
    await first.setStickyCommentIds(pr, [1]);
    expect(await second.getStickyCommentIds(pr)).toEqual([]);
  });

  it('stores copies: mutating what went in or came out changes nothing', async () => {
    const store = await openInMemoryStateStore();
    const plan = planOf(pr, 'analytics');
    const saved = structuredClone(plan);
    await store.savePlans([plan]);
    (plan.facts as Record<string, unknown>)['models'] = ['mutated'];
    const [read] = await store.listPlans(pr);
    (read?.facts as Record<string, unknown>)['rows'] = 'mutated';
    expect(await store.listPlans(pr)).toEqual([saved]);
    const ids = [1, 2];
    await store.setStickyCommentIds(pr, ids);
    ids.push(3);
    (await store.getStickyCommentIds(pr)).push(4);
    expect(await store.getStickyCommentIds(pr)).toEqual([1, 2]);
  });

  it('closes only its own handle; a closed handle fails like a closed database, and closing twice is harmless', async () => {
    const shared = createInMemoryStateDatabase();
    const [one, two] = [await shared.open(), await shared.open()];
    await one.close();
    await expect(one.close()).resolves.toBeUndefined();
    const failed = await one.listJobs(pr).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(AppError);
    expect(failed).toMatchObject({ code: 'store', message: 'listing jobs of acme/a#1: database is not open' });
    expect(await two.recordDelivery('d1', [newJob(pr)])).toMatchObject({ duplicate: false });
    expect(await (await shared.open()).listJobs(pr)).toHaveLength(1);
  });
});
