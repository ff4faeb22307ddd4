import { createHash } from 'node:crypto';
import type { CodeHost } from '../ports/code-host.ts';
import type { StateStore } from '../ports/state-store.ts';
import type { StickyComments, StickyTopic } from '../ports/sticky-comments.ts';
import { SUMMARY_MARKER } from '../render/render-summary-comment.ts';

/** The marker that finds each topic's comment again (an HTML comment in the body). */
const MARKERS: Readonly<Record<StickyTopic, string>> = { summary: SUMMARY_MARKER };

/** How many PRs' last bodies are remembered (per process; a restart costs one edit per PR). */
const REMEMBERED = 2_000;

export type StickyCommentsFor = (session: { codeHost: CodeHost; botLogin?: string }) => StickyComments;

/**
 * Sticky comments over the code host, with the comment ids in the state store (shared by every process) and
 * the hash of the last body each comment was given (this process): an unchanged body makes no API call.
 * One instance per process; `for(session)` binds it to a job's code host.
 */
export function createStickyComments(store: Pick<StateStore, 'getStickyCommentIds' | 'setStickyCommentIds'>): StickyCommentsFor {
  const lastBody = new Map<string, { hash: string; ids: readonly number[] }>();
  return (session) => ({
    async ensure(pr, topic, body, options = {}) {
      const key = `${pr.repo}#${pr.number}:${topic}`;
      const hash = createHash('sha256').update(body).digest('hex');
      const knownIds = await store.getStickyCommentIds(pr);
      const last = lastBody.get(key);
      if (last?.hash === hash && sameIds(last.ids, knownIds)) return;
      // The whole comment as one part: the code host redacts it, then splits it at its limit (a secret is never cut in two).
      const ids = await session.codeHost.upsertStickyComment(pr, {
        marker: MARKERS[topic], parts: [body], knownIds, author: session.botLogin, searchExisting: options.firstComment !== true,
      });
      await store.setStickyCommentIds(pr, ids);
      lastBody.delete(key);
      lastBody.set(key, { hash, ids });
      if (lastBody.size > REMEMBERED) lastBody.delete(lastBody.keys().next().value!);
    },
  });
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
