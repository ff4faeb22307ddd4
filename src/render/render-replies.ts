import { command, type Command } from '../commands/command.ts';
import { formatCommand } from '../commands/format-command.ts';
import type { UnmetRequirement } from '../core/apply-guard.ts';
import type { Job } from '../core/job.ts';
import type { Failure } from '../core/outcome.ts';
import { cellCode, inlineCode, markdownText, plural, tableCell } from './format-markdown.ts';
import { renderFailure, renderFailureProse } from './render-failure.ts';
import { lockHeldText } from './render-lock-held-text.ts';
import type { LockHolder } from './summary-view.ts';

/** Short replies to commands; commands shown come from `formatCommand`. Redaction happens at the code-host boundary. */

export function renderLockHeld(options: { project: string; holder: LockHolder; now: string; commandName: string }): string {
  return lockHeldText(options);
}

const REQUIREMENT_LABEL: Readonly<Record<UnmetRequirement['requirement'], string>> = {
  approved: 'approval',
  mergeable: 'mergeable',
  undiverged: 'up to date with the base branch',
  plan_missing: 'no plan',
  plan_stale: 'plan out of date',
  plan_failed: 'plan failed',
  lock: 'lock',
  policy: 'policy',
};

/** Each unmet requirement with who can satisfy it; nothing ran. */
export function renderRequirementsUnmet(unmet: readonly UnmetRequirement[], options: { commandName: string; retry?: Command }): string {
  const retry = formatCommand(options.retry ?? command('apply'), { name: options.commandName });
  const lines = unmet.map((u) => {
    const project = u.project === undefined ? '' : ` (${inlineCode(u.project)})`;
    const who = u.who === undefined ? '' : ` — ${markdownText(u.who)}`;
    return `- ⏳ **${REQUIREMENT_LABEL[u.requirement]}**${project}: ${markdownText(u.detail)}${who}`;
  });
  const head = `**Nothing ran:** ${unmet.length === 1 ? 'a requirement is' : `${unmet.length} requirements are`} not met yet.`;
  return [head, lines.join('\n'), `Once ${unmet.length === 1 ? 'it is' : 'they are'} met, comment ${inlineCode(retry)} again.`].join('\n\n');
}

/** "No project named `nope`; projects in this PR: `a`, `b`." */
export function renderUnknownProject(name: string, available: readonly string[]): string {
  const known = available.length === 0
    ? 'this pull request changes no projects'
    : `projects in this PR: ${available.map(inlineCode).join(', ')}`;
  return `❓ No project named ${inlineCode(name)}; ${known}.`;
}

/** An invalid or unknown command, or any other failure answered in a reply. */
export function renderCommandFailure(failure: Failure): string {
  return renderFailureProse(failure, { mark: '⚠️' });
}

/** The repo's `sluice.yaml` (or the server config) could not be used: every problem with file and line. */
export function renderConfigFailure(failure: Failure): string {
  return `### ❌ Sluice could not read its configuration\n\n${renderFailure(failure, { title: 'Nothing was planned' })}`;
}

export function renderNotAuthorized(options: { user: string; command: Command; commandName: string }): string {
  const text = formatCommand(options.command, { name: options.commandName });
  return `🚫 @${markdownText(options.user)} is not allowed to run ${inlineCode(text)} on this repository; nothing ran.`;
}

/** An unexpected error: brief, saying what was being done, with the delivery id to find it in the logs. */
export function renderAppError(job: Job, options: { commandName: string }): string {
  const what = `${describeJob(job, options.commandName)} for @${markdownText(job.actor)}`;
  const lines = [`💥 Sluice hit an unexpected error while running ${what} and stopped; nothing further ran.`,
    `The details are in the server log under delivery ${inlineCode(job.deliveryId)}.`];
  if (job.request.type === 'command' && job.request.command.name === 'apply') {
    lines.push('An apply that stopped may have changed part of production: check the summary comment and the targets before applying again.');
  }
  return lines.join(' ');
}

export function renderNoProjects(): string {
  return 'No projects are affected by the changes in this pull request, so nothing was planned.';
}

/** `count`: queued runs cancelled plus the running one stopped. */
export function renderCancelled(count: number): string {
  if (count === 0) return 'Nothing to cancel: no run is queued or running for this pull request.';
  return `⏹️ Cancelled ${plural(count, 'run')} of this pull request. A run in progress stops at its next safe point `
    + 'and leaves production as it was; the summary comment shows where each project stands.';
}

export function renderUnlocked(projects: readonly string[], options: { commandName: string }): string {
  if (projects.length === 0) return 'Nothing to unlock: this pull request holds no locks.';
  const plan = formatCommand(command('plan'), { name: options.commandName });
  return `🔓 Unlocked ${projects.map(inlineCode).join(', ')} and discarded ${projects.length === 1 ? 'its plan' : 'their plans'}. `
    + `Comment ${inlineCode(plan)} to plan and lock again.`;
}

/** A job that was running when Sluice restarted; it is reported, never re-run silently. */
export function renderInterrupted(job: Job, options: { commandName: string }): string {
  const request = job.request;
  const what = `${describeJob(job, options.commandName)} for @${markdownText(job.actor)}`;
  const lines = [`⚠️ **Interrupted:** Sluice restarted while running ${what}; it was stopped and not retried.`];
  if (request.type === 'command' && request.command.name === 'apply') {
    lines.push('An interrupted apply may have changed part of production: check the summary comment and the targets before applying again.');
  }
  if (request.type === 'command' || request.type === 'autoplan') {
    const again = request.type === 'command' ? request.command : command('plan');
    lines.push(`Comment ${inlineCode(formatCommand(again, { name: options.commandName }))} to run it again.`);
  }
  return lines.join(' ');
}

function describeJob(job: Job, commandName: string): string {
  switch (job.request.type) {
    case 'command':
      return inlineCode(formatCommand(job.request.command, { name: commandName }));
    case 'autoplan':
      return 'the automatic plan';
    case 'closed':
      return 'the clean-up after the pull request closed';
    case 'reply':
      return 'a reply';
  }
}

/** One target's tool as `sluice version` reports it: its version, or why there is none. */
export type TargetVersion = {
  readonly target: string;
  readonly type: 'duckdb' | 'postgres' | 'terraform';
  /** `DuckDB`, `PostgreSQL`, `terraform`, `tofu`, or the configured binary. */
  readonly tool: string;
} & ({ readonly version: string } | { readonly problem: string });

/** What `sluice version` shows, gathered by the service (`gatherVersions`). */
export type VersionReport = {
  readonly sluice: string;
  readonly node: string;
  /** In the server config's order. */
  readonly targets: readonly TargetVersion[];
};

/** The `sluice version` reply: Sluice, Node, and a row per configured target. */
export function renderVersionReply(report: VersionReport): string {
  const head = `**Sluice** ${inlineCode(report.sluice)} on Node ${inlineCode(report.node)}`;
  if (report.targets.length === 0) return `${head}\n\nNo targets are configured on this server.`;
  const rows = report.targets.map((t) => {
    const version = 'version' in t ? cellCode(t.version) : `⚠️ ${tableCell(t.problem)}`;
    return `| ${cellCode(t.target)} | ${t.type} | ${tableCell(t.tool)} | ${version} |`;
  });
  return [head, '', '| target | type | tool | version |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
