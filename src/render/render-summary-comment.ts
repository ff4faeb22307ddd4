import { describeLocks } from './describe-locks.ts';
import { projectHeadline } from './describe-project.ts';
import { anchorId, cellCode, inlineCode, plural, tableCell } from './format-markdown.ts';
import { renderNextSteps } from './render-next-steps.ts';
import { renderPolicySection } from './render-policy-section.ts';
import { renderProjectSection, type SectionContext } from './render-project-section.ts';
import { testsCell } from './render-tests.ts';
import { COMMENT_LIMIT } from './split-comment.ts';
import type { ProjectView, SummaryView } from './summary-view.ts';

/** The hidden marker that makes the summary comment sticky. */
export const SUMMARY_MARKER = '<!-- sluice:summary -->';

/**
 * The PR's sticky summary comment. When the full comment is longer than `limit`, change details
 * move to the check runs and the comment says where; the code host splits what remains (`splitComment`) after redacting it.
 */
export function renderSummaryComment(view: SummaryView, options: { limit?: number } = {}): string {
  const full = composeSummary(view, 'inline');
  if (full.length <= (options.limit ?? COMMENT_LIMIT)) return full;
  return composeSummary(view, 'check-run');
}

function composeSummary(view: SummaryView, details: SectionContext['details']): string {
  const ctx: SectionContext = { commandName: view.commandName, now: view.now, details };
  const head = `${SUMMARY_MARKER}\n${renderHeader(view)}`;
  if (view.projects.length === 0) return [head, renderNextSteps(view)].join('\n\n');
  const sections = view.projects.map((p) => renderProjectSection(p, ctx));
  const policy = renderPolicySection(view.policy, { commandName: view.commandName });
  return [head, renderTable(view.projects), renderNextSteps(view), policy, ...sections].filter((b) => b !== '').join('\n\n');
}

function renderHeader(view: SummaryView): string {
  const applying = view.projects.some((p) => p.status === 'applied' || p.status === 'apply-failed');
  const parts = [`### Sluice ${applying ? 'apply' : 'plan'} for ${inlineCode(view.headSha.slice(0, 7))}`, plural(view.projects.length, 'project')];
  const locks = describeLocks(view);
  if (locks !== '') parts.push(locks);
  return parts.join(' · ');
}

function renderTable(projects: readonly ProjectView[]): string {
  const rows = projects.map((p) => {
    const tests = testsCell(p.plan?.tests ?? []);
    const cells = [cellCode(p.name), p.kind, tableCell(projectHeadline(p)), tests, tableCell(p.policy ?? '—'), `[details](#${anchorId(p.name)})`];
    return `| ${cells.join(' | ')} |`;
  });
  return ['| project | kind | plan | tests | policy | |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}
