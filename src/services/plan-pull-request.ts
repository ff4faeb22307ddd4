import type { Command } from '../commands/command.ts';
import { detectProjects } from '../core/detect-projects.ts';
import { orderProjects } from '../core/order-projects.ts';
import type { Result } from '../core/outcome.ts';
import type { Project } from '../core/project.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { PullRequest } from '../core/pull-request.ts';
import { planProjects } from './plan-projects.ts';
import { preparePullRequest, selectProjects, type PreparedPullRequest } from './prepare-pull-request.ts';
import { publishSummary, replyWith } from './publish-summary.ts';
import { pullRequestContext } from './pull-request-context.ts';
import { loadPullRequestSnapshot } from './pull-request-snapshot.ts';
import { publishPolicyCheck, reportPolicies } from './report-policies.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';

export type PlanRequest = {
  readonly pr: PullRequest;
  readonly actor: string;
  /** Absent for autoplan. */
  readonly command?: Command;
  /** Autoplan of a PR just opened: no earlier summary comment exists. */
  readonly opened?: boolean;
  readonly signal: AbortSignal;
};

/**
 * Plans the projects a PR touches (autoplan) or names (`plan -p …`): locks each, runs its engine,
 * stores the plan bound to (base, head, config), and reports on check runs and the summary comment.
 */
export async function planPullRequest(deps: ServiceDeps, session: HostSession, request: PlanRequest): Promise<ProjectOutcome[]> {
  const { pr } = request;
  const prepared = await preparePullRequest(deps, session, pr);
  if (!prepared.ok) {
    await publishSummary(deps, session, { pr, outcomes: [], failure: prepared, command: 'plan', firstComment: request.opened });
    return [];
  }
  const chosen = chooseProjects(prepared.value, request.command);
  if (!chosen.ok) {
    if (request.command) await replyWith(deps, session, pr, { kind: 'failure', failure: chosen });
    return [];
  }
  if (chosen.value.length === 0) {
    if (request.command) await replyWith(deps, session, pr, { kind: 'no-projects' });
    return [];
  }
  const snapshot = await loadPullRequestSnapshot(deps.store, pr);
  await snapshot.discard(request.command ? chosen.value.map((p) => p.name) : undefined);
  const ctx = pullRequestContext(deps, session, { pr, actor: request.actor, prepared: prepared.value, snapshot, signal: request.signal, extraArgs: request.command?.extraArgs ?? [] });
  const outcomes = await planProjects(deps, ctx, chosen.value);
  const policy = await reportPolicies(deps, prepared.value.checkout, snapshot);
  await publishSummary(deps, session, { pr, outcomes, command: 'plan', policy, firstComment: request.opened, plans: snapshot.plans() });
  await publishPolicyCheck(deps, session, pr, policy);
  deps.log.info({ pr: pr.number, repo: pr.repo, projects: outcomes.map((o) => `${o.project.name}:${o.status}`) }, 'plan finished');
  return outcomes;
}

function chooseProjects(prepared: PreparedPullRequest, command: Command | undefined): Result<Project[]> {
  const touched = detectProjects(prepared.projects, prepared.checkout.changedFiles);
  const named = command && (command.project !== undefined || command.dir !== undefined || command.target !== undefined);
  const picked = named ? selectProjects(prepared.projects, command) : { ok: true as const, value: command ? touched : touched.filter((p) => p.autoplan) };
  if (!picked.ok) return picked;
  return orderProjects(picked.value);
}
