import { command } from '../commands/command.ts';
import { formatCommand } from '../commands/format-command.ts';
import { hasChanges } from '../core/plan.ts';
import { checkRunName, sectionHeadline } from './describe-project.ts';
import { anchorId, fencedBlock, folded, inlineCode, markdownText, plural } from './format-markdown.ts';
import { formatDuration } from './format-time.ts';
import { renderChanges } from './render-changes.ts';
import { renderFailure } from './render-failure.ts';
import { lockHeldText } from './render-lock-held-text.ts';
import { renderRiskCallout } from './render-risk-callout.ts';
import { renderSqlSections } from './render-sql-sections.ts';
import { renderTerraformSections } from './render-terraform-sections.ts';
import { renderFailingTests, renderOtherTests } from './render-tests.ts';
import type { ApplyOutcome, ProjectView } from './summary-view.ts';

export type SectionContext = {
  readonly commandName: string;
  readonly now: string;
  /**
   * Where change details go: `inline` in the section; `check-run` leaves them to the project's check run
   * (oversized comments); `below` leaves them to the check run's text.
   */
  readonly details: 'inline' | 'check-run' | 'below';
};

/** `<a id>` anchor, heading, and the body. */
export function renderProjectSection(project: ProjectView, ctx: SectionContext): string {
  const heading = `<a id="${anchorId(project.name)}"></a>\n#### ${inlineCode(project.name)} — ${markdownText(sectionHeadline(project))}`;
  return [heading, renderProjectBody(project, ctx)].join('\n\n');
}

/** A project's section without its heading: the check run summary reuses it. */
export function renderProjectBody(project: ProjectView, ctx: SectionContext): string {
  const policy = project.policy === undefined ? '' : ` · policy: ${markdownText(project.policy)}`;
  const meta = `${project.kind} · target ${inlineCode(project.target)}${policy}`;
  return [meta, ...BODY[project.status](project, ctx)].filter((b) => b !== '').join('\n\n');
}

type BodyRenderer = (project: ProjectView, ctx: SectionContext) => string[];

const BODY: Readonly<Record<ProjectView['status'], BodyRenderer>> = {
  planned: renderPlanned,
  'no-changes': (p) => [`No changes: ${inlineCode(p.name)} already matches ${inlineCode(p.target)}.`, renderTerraformSections(p.plan), ...testBlocks(p)],
  failed: renderPlanFailed,
  'locked-elsewhere': renderLocked,
  applied: (p) => [appliedLine(p.apply), renderSteps(p.apply, 'ran')],
  'apply-failed': renderApplyFailed,
  interrupted: (p, ctx) => [`⚠️ **Interrupted:** Sluice stopped while working on ${inlineCode(p.name)}; the run was not retried.`, ...stoppedBlocks(p, ctx)],
  cancelled: (p, ctx) => [`⏹️ **Cancelled** on request; nothing further ran for ${inlineCode(p.name)}.`, ...stoppedBlocks(p, ctx)],
};

function renderPlanFailed(project: ProjectView, ctx: SectionContext): string[] {
  if (project.failure === undefined) return ['**❌ Plan failed**'];
  return [renderFailure(project.failure, { title: 'Plan failed', fallbackHint: planAgain(project, ctx) })];
}

function renderLocked(project: ProjectView, ctx: SectionContext): string[] {
  if (project.lockHolder === undefined) return [`🔒 ${inlineCode(project.name)} is locked by another PR.`];
  return [lockHeldText({ ...ctx, project: project.name, holder: project.lockHolder })];
}

function appliedLine(apply: ApplyOutcome | undefined): string {
  if (apply === undefined) return '✅ **Applied.**';
  return `✅ **Applied** in ${formatDuration(apply.durationMs)}: ${markdownText(apply.summary)}`;
}

function renderPlanned(project: ProjectView, ctx: SectionContext): string[] {
  const plan = project.plan;
  if (plan === undefined) return [];
  if (ctx.details === 'inline' || !hasChanges(plan)) {
    return [renderRiskCallout(plan), renderFailingTests(plan.tests), renderSqlSections(plan), renderChanges(plan.changes), renderTerraformSections(plan), renderOtherTests(plan.tests)];
  }
  const count = plural(plan.changes.filter((c) => c.action !== 'no-op').length, 'change');
  const where = ctx.details === 'below' ? 'below' : `in the check run **${checkRunName({ command: 'plan', project: project.name })}**`;
  return [renderRiskCallout(plan), renderFailingTests(plan.tests), renderSqlSections(plan, { details: false }), `Details of ${count} are ${where}.`, renderTerraformSections(plan)];
}

/** The change list and passing tests that `below` leaves out of the body. */
export function renderPlanDetails(project: ProjectView): string {
  const plan = project.plan;
  if (plan === undefined) return '';
  return [renderChanges(plan.changes), renderOtherTests(plan.tests)].filter((b) => b !== '').join('\n\n');
}

function renderApplyFailed(project: ProjectView, ctx: SectionContext): string[] {
  const retry = formatCommand(command('apply', { project: project.name }), { name: ctx.commandName });
  const fallbackHint = `Fix the cause, then comment ${inlineCode(retry)} to retry the same plan.`;
  const failure = project.failure === undefined ? '**❌ Apply failed**' : renderFailure(project.failure, { title: 'Apply failed', fallbackHint });
  return [failure, productionLine(project), renderSteps(project.apply, 'ran before the failure')];
}

function stoppedBlocks(project: ProjectView, ctx: SectionContext): string[] {
  const failure = project.failure === undefined ? '' : fencedBlock([project.failure.message], 'text');
  return [failure, productionLine(project), `To continue, comment ${inlineCode(planAgainCommand(project, ctx))}.`];
}

function testBlocks(project: ProjectView): string[] {
  const tests = project.plan?.tests ?? [];
  return [renderFailingTests(tests), renderOtherTests(tests)];
}

function productionLine(project: ProjectView): string {
  if (project.productionUnchanged === undefined) return '';
  return project.productionUnchanged
    ? `Production is unchanged: ${inlineCode(project.target)} is as it was before this run.`
    : `⚠️ **Production may be partly changed:** check ${inlineCode(project.target)} against the steps that ran.`;
}

function renderSteps(apply: ApplyOutcome | undefined, verb: string): string {
  if (apply === undefined || apply.steps.length === 0) return '';
  const title = `${plural(apply.steps.length, 'step')} ${verb}`;
  return folded(title, fencedBlock(apply.steps, 'text'));
}

function planAgainCommand(project: ProjectView, ctx: SectionContext): string {
  return formatCommand(command('plan', { project: project.name }), { name: ctx.commandName });
}

function planAgain(project: ProjectView, ctx: SectionContext): string {
  return `Push a fix, or comment ${inlineCode(planAgainCommand(project, ctx))} to plan again.`;
}
