import { command, type CommandName } from '../commands/command.ts';
import { formatCommand } from '../commands/format-command.ts';
import { inlineCode, markdownText } from './format-markdown.ts';
import type { ProjectStatus, Requirement, SummaryView } from './summary-view.ts';

/** What the reader can do now: the exact commands (from `formatCommand`) and the requirements still open. */
export function renderNextSteps(view: SummaryView): string {
  const named = (statuses: readonly ProjectStatus[]): string[] => view.projects.filter((p) => statuses.includes(p.status)).map((p) => p.name);
  const planned = named(['planned']);
  const lines: string[] = [];
  if (planned.length > 0) lines.push(`${applyText(planned, view.commandName)}${requirementsText(view.requirements)}`);
  const failedApply = named(['apply-failed']);
  if (failedApply.length > 0) lines.push(`**To retry the apply:** fix the cause, then comment ${commandFor('apply', failedApply, view.commandName)}`);
  const replan = named(['failed', 'interrupted', 'cancelled']);
  if (replan.length > 0) lines.push(`**To plan again:** push a fix or comment ${commandFor('plan', replan, view.commandName)}`);
  if (lines.length === 0) lines.push(doneText(view));
  return lines.join('\n\n');
}

/** ` · requirements: ✅ mergeable · ⏳ 1 approval from @acme/platform`. */
export function requirementsText(requirements: readonly Requirement[]): string {
  if (requirements.length === 0) return '';
  const items = requirements.map((r) => (r.met ? `✅ ${markdownText(r.name)}` : `⏳ ${markdownText(r.detail === '' ? r.name : r.detail)}`));
  return ` · requirements: ${items.join(' · ')}`;
}

function applyText(planned: readonly string[], name: string): string {
  const all = `comment ${commandFor('apply', [], name)}`;
  if (planned.length === 1) return `**To apply:** ${all}`;
  return `**To apply all:** ${all} · one project: ${commandFor('apply', planned.slice(0, 1), name)}`;
}

/** The command for one project, or for all of them when there are several (or none named). */
function commandFor(name: CommandName, projects: readonly string[], commandName: string): string {
  const options = projects.length === 1 ? { project: projects[0] } : {};
  return inlineCode(formatCommand(command(name, options), { name: commandName }));
}

function doneText(view: SummaryView): string {
  if (view.projects.length === 0) return 'No projects are affected by this pull request.';
  const settled = view.projects.every((p) => p.status === 'applied' || p.status === 'no-changes');
  if (settled && view.projects.some((p) => p.status === 'applied')) return '✅ **Every project with changes is applied.**';
  if (view.projects.every((p) => p.status === 'no-changes')) return 'Nothing to apply: no project has changes.';
  return 'Nothing to apply yet.';
}
