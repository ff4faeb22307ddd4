import type { Annotation } from '../../core/plan.ts';
import type { CheckRunAction, CheckRunUpdate, CodeHost } from '../../ports/code-host.ts';

export type Redact = (text: string) => string;

/**
 * The one boundary where text leaves for the code host (ARCHITECTURE.md § 5): wraps any `CodeHost` so that
 * every comment body and sticky-comment part, every check run's title, summary, text, annotation (title and
 * message) and action (label and description), and every commit status's description and link pass through
 * `redact` first. Renderers and services do not redact; they cannot forget to.
 *
 * Identifiers pass unchanged, since Sluice finds its own things by them: markers, check-run names, external
 * ids, action identifiers, status contexts. Length limits are applied by the adapter after redaction (a sticky
 * comment part too long for GitHub is split there, a check-run text cut there), since redaction may lengthen text.
 * Reads (pull requests, reviews, check runs, mergeability) pass through untouched.
 */
export function createRedactingCodeHost(inner: CodeHost, redact: Redact): CodeHost {
  const update = <T extends CheckRunUpdate>(u: T): T => redactCheckRun(u, redact);
  return {
    getPullRequest: (pr) => inner.getPullRequest(pr),
    upsertStickyComment: (pr, options) => inner.upsertStickyComment(pr, { ...options, parts: options.parts.map((part) => redact(part)) }),
    postComment: (pr, body) => inner.postComment(pr, redact(body)),
    react: (pr, commentId, reaction) => inner.react(pr, commentId, reaction),
    createCheckRun: (repo, run) => inner.createCheckRun(repo, update(run)),
    updateCheckRun: (repo, checkRunId, checkRun) => inner.updateCheckRun(repo, checkRunId, update(checkRun)),
    listCheckRuns: (repo, headSha) => inner.listCheckRuns(repo, headSha),
    setCommitStatus: (repo, sha, status) => inner.setCommitStatus(repo, sha, {
      ...status,
      description: redact(status.description),
      ...(status.targetUrl === undefined ? {} : { targetUrl: redact(status.targetUrl) }),
    }),
    listReviews: (pr) => inner.listReviews(pr),
    isTeamMember: (membership) => inner.isTeamMember(membership),
    getMergeability: (pr, options) => inner.getMergeability(pr, options),
    merge: (pr, options) => inner.merge(pr, options),
  };
}

function redactCheckRun<T extends CheckRunUpdate>(update: T, redact: Redact): T {
  return {
    ...update,
    ...(update.title === undefined ? {} : { title: redact(update.title) }),
    ...(update.summary === undefined ? {} : { summary: redact(update.summary) }),
    ...(update.text === undefined ? {} : { text: redact(update.text) }),
    ...(update.annotations === undefined ? {} : { annotations: update.annotations.map((a) => redactAnnotation(a, redact)) }),
    ...(update.actions === undefined ? {} : { actions: update.actions.map((a) => redactAction(a, redact)) }),
  };
}

function redactAnnotation(annotation: Annotation, redact: Redact): Annotation {
  return { ...annotation, title: redact(annotation.title), message: redact(annotation.message) };
}

function redactAction(action: CheckRunAction, redact: Redact): CheckRunAction {
  return { ...action, label: redact(action.label), description: redact(action.description) };
}
