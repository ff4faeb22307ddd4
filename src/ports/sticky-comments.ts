import type { PullRequestRef } from '../core/pull-request.ts';

/** What a sticky comment is about: one per topic and PR (today only the summary). */
export type StickyTopic = 'summary';

/**
 * The PR's sticky comments: one per topic, created once and then edited in place. Owns the ids of the
 * comments it made, and skips an edit whose body is the one already there.
 */
export interface StickyComments {
  /**
   * Makes the PR's `topic` comment read `body` (split by the code host when it is too long).
   * `firstComment`: the PR was just opened, so no earlier comment can exist and none is looked for.
   */
  ensure(pr: PullRequestRef, topic: StickyTopic, body: string, options?: { firstComment?: boolean }): Promise<void>;
}
