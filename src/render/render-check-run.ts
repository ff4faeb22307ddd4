import { failedTests } from '../core/plan.ts';
import type { CheckConclusion } from '../ports/code-host.ts';
import { renderPlanDetails, renderProjectBody } from './render-project-section.ts';
import { splitMarkdown } from './split-markdown.ts';
import type { CheckRunView, ProjectView } from './summary-view.ts';

/** GitHub's limit on a check run's summary and on its text. */
export const CHECK_RUN_LIMIT = 65_535;
const TITLE_LIMIT = 120;

export type CheckRunOutput = {
  readonly title: string;
  readonly summary: string;
  readonly text?: string;
  readonly conclusion: CheckConclusion;
};

/**
 * One project's check run: the section of the summary comment as summary. When that is too long,
 * the change details move to `text`; either is cut safely at GitHub's limit.
 */
export function renderCheckRun(view: CheckRunView, commandName: 'plan' | 'apply'): CheckRunOutput {
  const { project } = view;
  const base = { title: checkRunTitle(project, commandName), conclusion: checkRunConclusion(project, commandName) };
  const full = renderProjectBody(project, { ...view, details: 'inline' });
  if (full.length <= CHECK_RUN_LIMIT) return { ...base, summary: full };
  const summary = truncateCheckRunText(renderProjectBody(project, { ...view, details: 'below' }));
  const details = renderPlanDetails(project);
  return details === '' ? { ...base, summary } : { ...base, summary, text: truncateCheckRunText(details) };
}

export function checkRunConclusion(project: ProjectView, commandName: 'plan' | 'apply'): CheckConclusion {
  const testsFailed = failedTests({ tests: project.plan?.tests ?? [] }).length > 0;
  switch (project.status) {
    case 'planned':
      if (testsFailed) return 'failure';
      return commandName === 'apply' ? 'neutral' : 'success';
    case 'no-changes':
      return testsFailed ? 'failure' : 'neutral';
    case 'applied':
      return 'success';
    case 'cancelled':
      return 'cancelled';
    case 'failed':
    case 'locked-elsewhere':
    case 'apply-failed':
    case 'interrupted':
      return 'failure';
  }
}

function checkRunTitle(project: ProjectView, commandName: 'plan' | 'apply'): string {
  const failing = failedTests({ tests: project.plan?.tests ?? [] }).length;
  const tests = failing === 0 ? '' : ` · ${failing} ${failing === 1 ? 'test' : 'tests'} failed`;
  const headline = project.plan?.summary.headline ?? '';
  const titles: Readonly<Record<ProjectView['status'], string>> = {
    planned: commandName === 'apply' ? `Not applied yet: ${headline}` : `${headline}${tests}`,
    'no-changes': `No changes${tests}`,
    failed: `Plan failed: ${project.failure?.message ?? 'see details'}`,
    'locked-elsewhere': project.lockHolder === undefined ? 'Locked by another PR' : `Locked by #${project.lockHolder.pr}`,
    applied: `Applied: ${project.apply?.summary ?? headline}`,
    'apply-failed': `Apply failed: ${project.failure?.message ?? 'see details'}`,
    interrupted: 'Interrupted',
    cancelled: 'Cancelled',
  };
  return shorten(titles[project.status].replace(/\s+/g, ' ').trim(), TITLE_LIMIT);
}

const TRUNCATED_NOTE = '_(truncated: too long for a check run)_';

/**
 * The first `CHECK_RUN_LIMIT` characters, cut between lines with fences and `<details>` closed. The adapter cuts
 * again after redaction, which can lengthen text.
 */
export function truncateCheckRunText(markdown: string): string {
  if (markdown.length <= CHECK_RUN_LIMIT) return markdown;
  const [first = []] = splitMarkdown(markdown, CHECK_RUN_LIMIT - TRUNCATED_NOTE.length - 2);
  while (first.at(-1)?.trim() === '') first.pop();
  return [...first, '', TRUNCATED_NOTE].join('\n');
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
