import { command } from '../commands/command.ts';
import { formatCommand } from '../commands/format-command.ts';
import { cellCode, inlineCode, markdownText, plural, tableCell } from './format-markdown.ts';
import type { PolicyRowView, PolicyView } from './summary-view.ts';

const STATUS: Readonly<Record<PolicyRowView['status'], string>> = {
  denied: '⛔ denied',
  pending: '⏳ needs approval',
  approved: '✅ approved',
  warn: '⚠️ warning',
};

/** Order of the rows: what blocks first. */
const RANK: Readonly<Record<PolicyRowView['status'], number>> = { denied: 0, pending: 1, approved: 2, warn: 3 };

/** `@acme/platform or @priya`; a role without members says no one is configured for it; nobody when empty. */
export function ownersText(owners: readonly string[]): string {
  if (owners.length === 0) return 'nobody (no owner listed)';
  const real = owners.filter((o) => !o.startsWith('role:'));
  return (real.length > 0 ? real : owners).map((o) => (o.startsWith('role:') ? `${o} (no one is configured for role ${o.slice('role:'.length)})` : `@${o}`)).join(' or ');
}

/** The summary comment's policy section (empty string when policies did not run). */
export function renderPolicySection(view: PolicyView | undefined, options: { commandName: string }): string {
  if (view === undefined) return '';
  const blocks = ['#### Policies'];
  if (view.errors.length > 0) blocks.push(renderErrors(view.errors));
  if (view.rows.length > 0) blocks.push(renderRows(view.rows), approveHint(view.rows, options.commandName));
  if (view.rows.length === 0 && view.errors.length === 0) {
    blocks.push(view.rulesChecked === 0 ? 'No policy rule applies to the planned projects.' : `✅ ${plural(view.rulesChecked, 'policy check')} passed.`);
  }
  if (view.changedPolicyFiles.length > 0) {
    blocks.push(`ℹ️ This pull request edits policy files (${view.changedPolicyFiles.map(inlineCode).join(', ')}). `
      + 'It is judged by the default branch\'s version of them; the policy change itself applies after merge.');
  }
  return blocks.filter((b) => b !== '').join('\n\n');
}

function renderErrors(errors: readonly string[]): string {
  const lines = errors.map((e) => `- ${markdownText(e)}`);
  return ['❌ **Policies could not be evaluated**: apply is blocked until this is fixed (fail closed).', '', ...lines].join('\n');
}

function renderRows(rows: readonly PolicyRowView[]): string {
  const sorted = [...rows].sort((a, b) => RANK[a.status] - RANK[b.status] || a.project.localeCompare(b.project) || a.ruleId.localeCompare(b.ruleId));
  const lines = sorted.map((r) => {
    const status = r.status === 'pending' ? `${STATUS.pending} (${r.count - r.missing} of ${r.count})` : STATUS[r.status];
    const owners = r.effect === 'require_approval' ? tableCell(ownersText(r.owners)) : '—';
    const approved = r.approvedBy.length === 0 ? '—' : tableCell(r.approvedBy.map((a) => `@${a}`).join(', '));
    return `| ${cellCode(r.project)} | ${cellCode(r.ruleId)} | ${status} | ${tableCell(r.message)} | ${owners} | ${approved} |`;
  });
  return ['| project | rule | effect | message | can approve | approved by |', '| --- | --- | --- | --- | --- | --- |', ...lines].join('\n');
}

function approveHint(rows: readonly PolicyRowView[], commandName: string): string {
  const pending = [...new Set(rows.filter((r) => r.status === 'pending').map((r) => r.project))];
  if (pending.length === 0) return '';
  const approve = formatCommand(command('approve_policies', pending.length === 1 ? { project: pending[0] } : {}), { name: commandName });
  return `**To approve:** a listed owner comments ${inlineCode(approve)} (add \`--policy RULE\` to approve one rule); the author of the pull request cannot approve its own policies.`;
}

/** The summary table's policy cell for one project. */
export function policyCell(view: PolicyView, project: string): string {
  if (view.errors.length > 0) return '❌ policy error';
  const rows = view.rows.filter((r) => r.project === project);
  const denied = rows.filter((r) => r.status === 'denied');
  if (denied.length > 0) return `⛔ denied by ${denied.map((r) => r.ruleId).join(', ')}`;
  const pending = rows.filter((r) => r.status === 'pending');
  if (pending.length > 0) return `⏳ needs ${[...new Set(pending.map((r) => ownersText(r.owners)))].join(', ')}`;
  const warnings = rows.filter((r) => r.status === 'warn').length;
  if (warnings > 0) return `⚠️ ${plural(warnings, 'warning')}`;
  return rows.some((r) => r.status === 'approved') ? '✅ approved' : '✅';
}
