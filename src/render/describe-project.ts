import type { ProjectView } from './summary-view.ts';
import { isRisky } from './render-changes.ts';

/** The check run of a project for a command, e.g. `sluice/plan: analytics`. */
export function checkRunName(options: { command: 'plan' | 'apply'; project: string }): string {
  return `sluice/${options.command}: ${options.project}`;
}

/** True when the plan holds a breaking, destructive, delete or replace change. */
export function hasRiskyChanges(project: ProjectView): boolean {
  return project.plan?.changes.some(isRisky) ?? false;
}

/** The section heading's text: the table's, but short for applied projects (the body says what ran). */
export function sectionHeadline(project: ProjectView): string {
  return project.status === 'applied' ? '✅ applied' : projectHeadline(project);
}

/** One line for the summary table, e.g. `🔴 2 modified (1 breaking)`. */
export function projectHeadline(project: ProjectView): string {
  switch (project.status) {
    case 'planned':
      return `${hasRiskyChanges(project) ? '🔴 ' : ''}${project.plan?.summary.headline ?? 'planned'}`;
    case 'no-changes':
      return 'no changes';
    case 'failed':
      return '❌ plan failed';
    case 'locked-elsewhere':
      return project.lockHolder === undefined ? '🔒 locked by another PR' : `🔒 locked by #${project.lockHolder.pr}`;
    case 'applied':
      return project.apply === undefined ? '✅ applied' : `✅ applied: ${project.apply.summary}`;
    case 'apply-failed':
      return '❌ apply failed';
    case 'interrupted':
      return '⚠️ interrupted';
    case 'cancelled':
      return '⏹️ cancelled';
  }
}
