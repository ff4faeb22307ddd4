import { describe, expect, it } from 'vitest';
import type { PullRequest } from '../../../src/core/pull-request.ts';
import { createInMemoryWorkspace } from '../../fakes/in-memory-workspace.ts';

const pr: PullRequest = {
  repo: 'acme/shop', number: 7, author: 'alice', headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40), baseRef: 'main',
  defaultBranch: 'main', headRef: 'feature', cloneUrl: 'https://example.test/acme/shop.git', draft: false, fromFork: false,
  state: 'open', merged: false,
};

describe('in-memory workspace', () => {
  const workspace = createInMemoryWorkspace({
    'acme/shop#7': {
      base: { 'models/kept.sql': 'select 1', 'models/changed.sql': 'select 1', 'models/gone.sql': 'select 1' },
      head: { 'models/kept.sql': 'select 1', 'models/changed.sql': 'select 2', 'models/added.sql': 'select 3' },
      defaultBranch: {
        '.sluice/policies/b.rego': 'b', '.sluice/policies/nested/a.rego': 'a', '.sluice/policies-old/x.rego': 'x', 'sluice.yaml': 'y',
      },
    },
  });

  it('lists added, modified and deleted files as changed, sorted, and answers from the PR', async () => {
    const checkout = await workspace.checkout(pr, { defaultBranch: 'main', token: 't' });
    expect(checkout.changedFiles).toEqual(['models/added.sql', 'models/changed.sql', 'models/gone.sql']);
    expect(checkout).toMatchObject({ headSha: pr.headSha, baseSha: pr.baseSha, undiverged: true, headDir: '/in-memory-workspace/acme/shop/pr-7/head' });
    expect(await checkout.readHeadFile('./models/changed.sql')).toBe('select 2');
    expect(await checkout.readHeadFile('models/gone.sql')).toBeUndefined();
    expect(await checkout.readFromDefaultBranch('sluice.yaml')).toBe('y');
  });

  it('lists the default branch files under a folder, and nothing for a missing one', async () => {
    const checkout = await workspace.checkout(pr, { defaultBranch: 'main' });
    expect(await checkout.listDefaultBranchFiles('.sluice/policies')).toEqual(['.sluice/policies/b.rego', '.sluice/policies/nested/a.rego']);
    expect(await checkout.listDefaultBranchFiles('missing')).toEqual([]);
  });

  it('records checkout and discard calls, and reads the settable undiverged flag at checkout', async () => {
    const files = workspace.files.get('acme/shop#7');
    if (files !== undefined) files.undiverged = false;
    expect((await workspace.checkout(pr, { defaultBranch: 'main' })).undiverged).toBe(false);
    await workspace.discard(pr);
    expect(workspace.calls.map((c) => c.method)).toEqual(['checkout', 'checkout', 'checkout', 'discard']);
    expect(workspace.calls[0]).toEqual({ method: 'checkout', pr, options: { defaultBranch: 'main', token: 't' } });
    await expect(workspace.checkout({ ...pr, number: 8 }, { defaultBranch: 'main' })).rejects.toMatchObject({ code: 'git' });
  });
});
