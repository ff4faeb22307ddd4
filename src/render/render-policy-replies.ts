import { command } from '../commands/command.ts';
import { formatCommand } from '../commands/format-command.ts';
import { inlineCode, markdownText, plural } from './format-markdown.ts';
import { ownersText } from './render-policy-section.ts';
import type { PolicyRowView } from './summary-view.ts';

type Named = { readonly project: string; readonly ruleId: string };

const named = (r: Named) => `${inlineCode(r.ruleId)} on ${inlineCode(r.project)}`;

/** `approve_policies` recorded approvals; what still waits. */
export function renderPolicyApproved(options: { actor: string; approved: readonly Named[]; remaining: readonly PolicyRowView[]; commandName: string }): string {
  const head = `✅ @${markdownText(options.actor)} approved ${options.approved.map(named).join(', ')}.`;
  if (options.remaining.length === 0) {
    const apply = formatCommand(command('apply'), { name: options.commandName });
    return `${head} No policy approval is missing any more; comment ${inlineCode(apply)} to apply.`;
  }
  const lines = options.remaining.map((r) => `- ⏳ ${named(r)}: ${r.missing} more from ${markdownText(ownersText(r.owners))}`);
  return [head, 'Still waiting for:', lines.join('\n')].join('\n\n');
}

/** `approve_policies --clear-policy-approval`. */
export function renderPolicyApprovalWithdrawn(options: { actor: string; count: number }): string {
  if (options.count === 0) return `Nothing to withdraw: @${markdownText(options.actor)} has no policy approval on this pull request.`;
  return `↩️ @${markdownText(options.actor)} withdrew ${plural(options.count, 'policy approval')}; apply waits for approvals again where they are needed.`;
}

/** Nothing matched the command: no policy of the PR waits for an approval (or none of the ones named). */
export function renderNothingToApprove(options: { pending: readonly PolicyRowView[]; filtered: boolean }): string {
  if (options.pending.length === 0) return 'Nothing to approve: no policy of this pull request needs an approval.';
  const available = options.pending.map(named).join(', ');
  return `❓ Nothing to approve${options.filtered ? ' for the project or rule named' : ''}; policies waiting for approval: ${available}.`;
}
