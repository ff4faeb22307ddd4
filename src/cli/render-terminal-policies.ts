import { command } from '../commands/command.ts';
import { formatCommand } from '../commands/format-command.ts';
import { plural } from '../render/format-markdown.ts';
import { ownersText } from '../render/render-policy-section.ts';
import type { PolicyRowView, PolicyView } from '../render/summary-view.ts';
import type { Style } from './terminal-style.ts';

/** Order of the rows: what blocks first (as in the summary comment). */
const RANK: Readonly<Record<PolicyRowView['status'], number>> = { denied: 0, pending: 1, approved: 2, warn: 3 };

/**
 * The summary comment's Policies section for a terminal: what blocks first, errors, the checks that passed,
 * and the policy files the working tree edits. Locally nobody approves: a rule that needs an approval reads
 * "would need approval from …" and does not hold up `sluice apply`; a deny or an error does.
 */
export function renderTerminalPolicies(view: PolicyView, options: { style: Style; commandName: string; baseRef: string }): string {
  const { style } = options;
  const lines = [style.bold('Policies')];
  if (view.errors.length > 0) {
    lines.push(style.red('  ✗ Policies could not be evaluated: sluice apply is refused until this is fixed (fail closed).'), ...view.errors.map((e) => `    ${e}`));
  }
  const rows = [...view.rows].sort((a, b) => RANK[a.status] - RANK[b.status] || a.project.localeCompare(b.project) || a.ruleId.localeCompare(b.ruleId));
  for (const row of rows) lines.push(`  ${statusText(row, style)}  ${row.project} · ${row.ruleId}`, `      ${row.message}`);
  if (view.rows.length === 0 && view.errors.length === 0) {
    lines.push(view.rulesChecked === 0 ? '  No policy rule applies to the planned projects.' : style.green(`  ✔ ${plural(view.rulesChecked, 'policy check')} passed.`));
  }
  if (view.errors.length > 0 || view.rows.some((r) => r.status === 'denied')) lines.push(style.red('  sluice apply refuses this plan while a policy denies it or fails.'));
  if (view.rows.some((r) => r.status === 'pending')) {
    const approve = formatCommand(command('approve_policies'), { name: options.commandName });
    lines.push(style.dim(`  Approvals are given on the pull request (\`${approve}\` by a listed owner); a local apply does not wait for them.`));
  }
  if (view.changedPolicyFiles.length > 0) {
    lines.push(style.dim(`  ℹ The working tree edits policy files (${view.changedPolicyFiles.join(', ')}). This plan is judged by their version `
      + `at the base ${options.baseRef}, as the pull request will be; the policy change itself applies after merge.`));
  }
  return `${lines.join('\n')}\n`;
}

function statusText(row: PolicyRowView, style: Style): string {
  switch (row.status) {
    case 'denied': return style.red('⛔ denied');
    case 'pending': return style.yellow(`⏳ would need ${row.missing > 1 ? `${row.missing} approvals` : 'approval'} from ${ownersText(row.owners)}`);
    case 'approved': return style.green('✅ approved');
    case 'warn': return style.yellow('⚠️ warning');
  }
}

/** After a local apply: the rules that did not hold it up (warnings, approvals a pull request would ask for). */
export function renderTerminalPolicyNotes(view: PolicyView, options: { style: Style; projects: readonly string[] }): string {
  const rows = view.rows.filter((r) => options.projects.includes(r.project) && (r.status === 'pending' || r.status === 'warn'));
  if (rows.length === 0) return '';
  const lines = rows.map((r) => `  ${statusText(r, options.style)}  ${r.project} · ${r.ruleId}: ${r.message}`);
  return `${options.style.dim('Policies that do not hold up a local apply (a pull request would ask for the approvals):')}\n${lines.join('\n')}\n`;
}
