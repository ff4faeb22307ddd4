/**
 * Every short comment Sluice posts in answer to a command or event, as one tagged union, and the one
 * function that renders it. A reply kind without its renderer does not compile.
 */
import type { UnmetRequirement } from '../core/apply-guard.ts';
import type { Job } from '../core/job.ts';
import type { Failure } from '../core/outcome.ts';
import { helpText } from '../commands/help-text.ts';
import { renderNothingToApprove, renderPolicyApprovalWithdrawn, renderPolicyApproved } from './render-policy-replies.ts';
import * as replies from './render-replies.ts';
import type { VersionReport } from './render-replies.ts';
import type { PolicyRowView } from './summary-view.ts';

export type Reply =
  | { readonly kind: 'failure'; readonly failure: Failure }
  | { readonly kind: 'unmet'; readonly unmet: readonly UnmetRequirement[] }
  | { readonly kind: 'no-projects' }
  | { readonly kind: 'unlocked'; readonly projects: readonly string[] }
  | { readonly kind: 'closed' }
  | { readonly kind: 'help' }
  /** `sluice version`: gathered by `gatherVersions`. */
  | { readonly kind: 'versions'; readonly versions: VersionReport }
  | { readonly kind: 'interrupted'; readonly job: Job }
  /** A job that threw: what it was doing and its delivery id; the details are in the log. */
  | { readonly kind: 'app-error'; readonly job: Job }
  | { readonly kind: 'cancelled'; readonly count: number }
  | { readonly kind: 'policy-approved'; readonly actor: string; readonly approved: readonly { project: string; ruleId: string }[]; readonly remaining: readonly PolicyRowView[] }
  | { readonly kind: 'policy-approval-withdrawn'; readonly actor: string; readonly count: number }
  | { readonly kind: 'nothing-to-approve'; readonly pending: readonly PolicyRowView[]; readonly filtered: boolean };

type ReplyContext = { readonly commandName: string };

const RENDERERS: { readonly [K in Reply['kind']]: (reply: Extract<Reply, { kind: K }>, ctx: ReplyContext) => string } = {
  'failure': (r) => replies.renderCommandFailure(r.failure),
  'unmet': (r, ctx) => replies.renderRequirementsUnmet(r.unmet, ctx),
  'no-projects': () => replies.renderNoProjects(),
  'unlocked': (r, ctx) => replies.renderUnlocked(r.projects, ctx),
  'closed': () => 'This pull request is closed; Sluice runs commands on open pull requests only.',
  'help': (_r, ctx) => helpText({ name: ctx.commandName }),
  'versions': (r) => replies.renderVersionReply(r.versions),
  'interrupted': (r, ctx) => replies.renderInterrupted(r.job, ctx),
  'app-error': (r, ctx) => replies.renderAppError(r.job, ctx),
  'cancelled': (r) => replies.renderCancelled(r.count),
  'policy-approved': (r, ctx) => renderPolicyApproved({ actor: r.actor, approved: r.approved, remaining: r.remaining, commandName: ctx.commandName }),
  'policy-approval-withdrawn': (r) => renderPolicyApprovalWithdrawn({ actor: r.actor, count: r.count }),
  'nothing-to-approve': (r) => renderNothingToApprove({ pending: r.pending, filtered: r.filtered }),
};

/** The Markdown of a reply. */
export function renderReply(reply: Reply, ctx: ReplyContext): string {
  return (RENDERERS[reply.kind] as (r: Reply, c: ReplyContext) => string)(reply, ctx);
}
