import type { Command } from '../commands/command.ts';
import { checkApplyGuard, type UnmetRequirement } from '../core/apply-guard.ts';
import type { Lock } from '../core/lock.ts';
import { orderProjects } from '../core/order-projects.ts';
import type { Project } from '../core/project.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { PullRequest } from '../core/pull-request.ts';
import { applyProjects } from './apply-projects.ts';
import { collectApprovals } from './collect-approvals.ts';
import { preparePullRequest, selectProjects, type PreparedPullRequest } from './prepare-pull-request.ts';
import { OWN_CONTEXTS, publishSummary, replyWith } from './publish-summary.ts';
import { omitProjects, policyBlockReasons, type PolicyReport } from '../policy/judge-policies.ts';
import { pullRequestContext } from './pull-request-context.ts';
import { loadPullRequestSnapshot, type PullRequestSnapshot } from './pull-request-snapshot.ts';
import { reportPolicies } from './report-policies.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';

export type ApplyRequest = {
  readonly pr: PullRequest;
  readonly actor: string;
  readonly command: Command;
  readonly signal: AbortSignal;
};

/**
 * `apply`: passes the guard (plan current, lock owned, requirements, policies), then applies the stored
 * plans in dependency order, stopping at the first failure, and merges when automerge is on.
 */
export async function applyPullRequest(deps: ServiceDeps, session: HostSession, request: ApplyRequest): Promise<ProjectOutcome[]> {
  const { pr } = request;
  const prepared = await preparePullRequest(deps, session, pr);
  if (!prepared.ok) {
    await replyWith(deps, session, pr, { kind: 'failure', failure: prepared });
    return [];
  }
  const snapshot = await loadPullRequestSnapshot(deps.store, pr);
  const projects = projectsToApply(snapshot, prepared.value, request.command);
  if (!projects.ok) {
    await replyWith(deps, session, pr, { kind: 'failure', failure: projects });
    return [];
  }
  const { unmet, policy } = await guard(deps, session, { pr, prepared: prepared.value, snapshot }, projects.value);
  if (unmet.length > 0) {
    await deps.store.appendAudit({ at: deps.clock.now().toISOString(), pr, actor: request.actor, action: 'apply_refused', detail: { unmet } });
    await replyWith(deps, session, pr, { kind: 'unmet', unmet });
    return [];
  }
  const outcomes = await applyInOrder(deps, session, request, { prepared: prepared.value, snapshot }, projects.value);
  const applied = outcomes.filter((o) => o.status === 'applied').map((o) => o.project.name);
  await publishSummary(deps, session, { pr, outcomes, command: 'apply', policy: omitProjects(policy, applied), plans: snapshot.plans() });
  await mergeWhenDone(deps, session, request, { outcomes, snapshot });
  return outcomes;
}

/** The projects with a stored plan, narrowed by -p/-d/-w; in dependency order. */
function projectsToApply(snapshot: PullRequestSnapshot, prepared: PreparedPullRequest, command: Command) {
  const planned = new Set(snapshot.pending().map((p) => p.project));
  const named = command.project !== undefined || command.dir !== undefined || command.target !== undefined;
  const candidates = named ? selectProjects(prepared.projects, command) : { ok: true as const, value: prepared.projects.filter((p) => planned.has(p.name)) };
  if (!candidates.ok) return candidates;
  return orderProjects(candidates.value);
}

async function guard(
  deps: ServiceDeps, session: HostSession, job: { pr: PullRequest; prepared: PreparedPullRequest; snapshot: PullRequestSnapshot }, projects: readonly Project[],
): Promise<{ unmet: UnmetRequirement[]; policy: PolicyReport }> {
  const { pr, prepared, snapshot } = job;
  const needs = new Set(projects.flatMap((p) => p.applyRequirements));
  const [locks, approvals, mergeability, policy] = await Promise.all([
    lockMap(deps, pr, projects),
    needs.has('approved') ? collectApprovals(deps, session, pr) : Promise.resolve({ approvers: [], requiredTeams: [], teamApprovers: [] }),
    needs.has('mergeable') ? session.codeHost.getMergeability(pr, { headSha: pr.headSha, ownContexts: OWN_CONTEXTS }) : Promise.resolve({ state: 'unchecked', mergeableIgnoringSluice: true }),
    reportPolicies(deps, prepared.checkout, snapshot),
  ]);
  const verdict = checkApplyGuard({
    projects,
    plans: snapshot.pending(),
    current: { headSha: prepared.checkout.headSha, baseSha: prepared.checkout.baseSha, configHash: prepared.configHash },
    prNumber: pr.number,
    locks,
    approvals,
    mergeableIgnoringSluice: mergeability.mergeableIgnoringSluice,
    undiverged: prepared.checkout.undiverged,
    policyBlocks: policyBlocks(policy, projects),
  });
  return { unmet: verdict.allowed ? [] : [...verdict.unmet], policy };
}

/** Each project's policy block (errors, denies, missing approvals), joined into one line. */
function policyBlocks(report: PolicyReport, projects: readonly Project[]): Map<string, string> {
  const entries = projects.map((p) => [p.name, policyBlockReasons(report, p.name).join('; ')] as const);
  return new Map(entries.filter(([, reasons]) => reasons !== ''));
}

async function lockMap(deps: ServiceDeps, pr: PullRequest, projects: readonly Project[]): Promise<Map<string, Lock | undefined>> {
  const entries = await Promise.all(projects.map(async (p) => [p.name, await deps.store.getLock({ repo: pr.repo, project: p.name, target: p.target })] as const));
  return new Map(entries);
}

async function applyInOrder(
  deps: ServiceDeps, session: HostSession, request: ApplyRequest, job: { prepared: PreparedPullRequest; snapshot: PullRequestSnapshot }, projects: readonly Project[],
): Promise<ProjectOutcome[]> {
  const pending = job.snapshot.pending();
  // The guard refused any project without a current plan, so each has one.
  const planned = projects.flatMap((project) => pending.filter((p) => p.project === project.name).map((plan) => ({ project, plan })));
  const ctx = pullRequestContext(deps, session, { pr: request.pr, actor: request.actor, prepared: job.prepared, snapshot: job.snapshot, signal: request.signal, extraArgs: request.command.extraArgs });
  return applyProjects(deps, ctx, planned);
}

async function mergeWhenDone(deps: ServiceDeps, session: HostSession, request: ApplyRequest, done: { outcomes: readonly ProjectOutcome[]; snapshot: PullRequestSnapshot }): Promise<void> {
  const { outcomes } = done;
  const automerge = outcomes.length > 0 && outcomes.every((o) => o.project.automerge) && !request.command.autoMergeDisabled;
  if (!automerge || outcomes.some((o) => o.status !== 'applied')) return;
  if (done.snapshot.pending().length > 0) return;
  await session.codeHost.merge(request.pr, { sha: request.pr.headSha, method: 'merge' });
  await deps.store.appendAudit({ at: deps.clock.now().toISOString(), pr: request.pr, actor: request.actor, action: 'automerged', detail: { sha: request.pr.headSha } });
}
