/** The summary comment is created once, edited in place when it changes, and left alone when it does not. */
import { describe, expect, it } from 'vitest';
import type { PullRequest } from '../../../src/core/pull-request.ts';
import { SUMMARY_MARKER } from '../../../src/render/render-summary-comment.ts';
import { createStickyComments } from '../../../src/services/sticky-comments.ts';
import { openInMemoryStateStore } from '../../fakes/in-memory-state-store.ts';
import { createRecordingCodeHost } from '../../fakes/recording-code-host.ts';

const PR: PullRequest = {
  repo: 'acme/data', number: 7, author: 'dana', headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40), baseRef: 'main', defaultBranch: 'main',
  headRef: 'feature', cloneUrl: 'https://example.invalid/acme/data.git', draft: false, fromFork: false, state: 'open', merged: false,
};
const summary = (line: string) => `${SUMMARY_MARKER}\n## Sluice plan\n${line}`;

describe('the sticky summary comment', () => {
  async function setup() {
    const store = await openInMemoryStateStore();
    const host = createRecordingCodeHost(PR);
    const stickyFor = createStickyComments(store);
    return { store, host, sticky: stickyFor({ codeHost: host, botLogin: 'sluice[bot]' }), stickyFor };
  }
  const upserts = (host: ReturnType<typeof createRecordingCodeHost>) => host.calls.filter((c) => c.method === 'upsertStickyComment');

  it('is posted on the first plan without looking for an earlier one, and its id is kept', async () => {
    const { store, host, sticky } = await setup();

    await sticky.ensure(PR, 'summary', summary('1 project planned'), { firstComment: true });

    expect(upserts(host)).toEqual([{ method: 'upsertStickyComment', pr: PR, marker: SUMMARY_MARKER, parts: [summary('1 project planned')], knownIds: [] }]);
    expect(await store.getStickyCommentIds(PR)).toEqual([1]);
  });

  it('a push that changes the plan edits the same comment; a plan that reads the same costs no API call', async () => {
    const { host, sticky } = await setup();
    await sticky.ensure(PR, 'summary', summary('1 project planned'));

    await sticky.ensure(PR, 'summary', summary('2 projects planned'));
    await sticky.ensure(PR, 'summary', summary('2 projects planned'));

    expect(upserts(host).map((c) => c.method === 'upsertStickyComment' && [c.parts[0], c.knownIds])).toEqual([
      [summary('1 project planned'), []],
      [summary('2 projects planned'), [1]],
    ]);
  });

  it('another process that moved the comment (new ids in the store) gets its body written again', async () => {
    const { store, host, sticky } = await setup();
    await sticky.ensure(PR, 'summary', summary('planned'));
    await store.setStickyCommentIds(PR, [42]);

    await sticky.ensure(PR, 'summary', summary('planned'));

    expect(upserts(host).map((c) => c.method === 'upsertStickyComment' && c.knownIds)).toEqual([[], [42]]);
  });

  it('is kept per pull request', async () => {
    const { host, sticky } = await setup();
    const other = { ...PR, number: 8 };

    await sticky.ensure(PR, 'summary', summary('planned'));
    await sticky.ensure(other, 'summary', summary('planned'));

    expect(upserts(host).map((c) => c.method === 'upsertStickyComment' && c.pr.number)).toEqual([7, 8]);
  });
});
