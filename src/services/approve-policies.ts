import type { Command } from '../commands/command.ts';
import { failure, type Failure } from '../core/outcome.ts';
import type { PullRequest } from '../core/pull-request.ts';
import type { JudgedViolation, PolicyReport } from '../policy/judge-policies.ts';
import { ownersText } from '../render/render-policy-section.ts';
import { isInAnyTeam } from './collect-approvals.ts';
import { preparePullRequest } from './prepare-pull-request.ts';
import { publishSummary, replyWith } from './publish-summary.ts';
import { policyView } from '../render/build-summary-view.ts';
import { loadPullRequestSnapshot, type PullRequestSnapshot } from './pull-request-snapshot.ts';
import { publishPolicyCheck, reportPolicies } from './report-policies.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';

export type ApprovePoliciesRequest = { readonly pr: PullRequest; readonly actor: string; readonly command: Command };

/**
 * `approve_policies [-p project] [--policy RULE] [--clear-policy-approval]`: a listed owner (a login, or a
 * member of a listed team) approves the current items of the policies waiting for approval; the PR author
 * never can. Approvals stick to items, so a re-plan keeps them while the same items remain.
 */
export async function approvePolicies(deps: ServiceDeps, session: HostSession, request: ApprovePoliciesRequest): Promise<void> {
  const { pr, actor, command } = request;
  const prepared = await preparePullRequest(deps, session, pr);
  if (!prepared.ok) return replyWith(deps, session, pr, { kind: 'failure', failure: prepared });
  const checkout = prepared.value.checkout;
  const snapshot = await loadPullRequestSnapshot(deps.store, pr);
  if (command.clearPolicyApproval) {
    const count = await snapshot.clearApprovals({ approver: actor.toLowerCase(), ...selector(command) });
    await audit(deps, request, 'policy_approval_withdrawn', { count, ...selector(command) });
    await replyWith(deps, session, pr, { kind: 'policy-approval-withdrawn', actor, count });
    return republish(deps, session, { pr, snapshot }, await reportPolicies(deps, checkout, snapshot));
  }
  const report = await reportPolicies(deps, checkout, snapshot);
  const waiting = report.violations.filter((v) => v.status === 'pending');
  const candidates = waiting.filter((v) => matches(v, command));
  if (candidates.length === 0) {
    const filtered = command.project !== undefined || command.policies.length > 0;
    return replyWith(deps, session, pr, { kind: 'nothing-to-approve', pending: policyView(report).rows.filter((r) => r.status === 'pending'), filtered });
  }
  const refused = await refusal(session, pr, actor, candidates);
  if ('failure' in refused) return replyWith(deps, session, pr, { kind: 'failure', failure: refused.failure });
  const approvedAt = deps.clock.now().toISOString();
  await snapshot.addApprovals(refused.eligible.flatMap((v) =>
    v.items.map((item) => ({ pr: { repo: pr.repo, number: pr.number }, project: v.project, ruleId: v.ruleId, item, approver: actor.toLowerCase(), approvedAt }))));
  await audit(deps, request, 'policy_approved', { rules: refused.eligible.map((v) => `${v.project}:${v.ruleId}`) });
  const after = await reportPolicies(deps, checkout, snapshot);
  const remaining = policyView(after).rows.filter((r) => r.status === 'pending');
  await replyWith(deps, session, pr, { kind: 'policy-approved', actor, approved: refused.eligible, remaining });
  await republish(deps, session, { pr, snapshot }, after);
}

function selector(command: Command): { project?: string; ruleIds?: readonly string[] } {
  return { ...(command.project === undefined ? {} : { project: command.project }), ...(command.policies.length === 0 ? {} : { ruleIds: command.policies }) };
}

function matches(v: JudgedViolation, command: Command): boolean {
  return (command.project === undefined || v.project === command.project) && (command.policies.length === 0 || command.policies.includes(v.ruleId));
}

/** The violations `actor` may approve, or why they may approve none. */
async function refusal(session: HostSession, pr: PullRequest, actor: string, candidates: readonly JudgedViolation[]): Promise<{ eligible: JudgedViolation[] } | { failure: Failure }> {
  const owners = [...new Set(candidates.flatMap((v) => v.owners))];
  if (actor.toLowerCase() === pr.author.toLowerCase()) {
    return { failure: failure('not_authorized', `@${actor} opened this pull request and cannot approve its policies`, { hint: `ask ${ownersText(owners)} to approve` }) };
  }
  const eligible: JudgedViolation[] = [];
  for (const v of candidates) if (await isOwner(session, v.owners, actor)) eligible.push(v);
  if (eligible.length > 0) return { eligible };
  return { failure: failure('not_authorized', `@${actor} is not an owner of the policies waiting for approval`, { hint: `they can be approved by ${ownersText(owners)}` }) };
}

async function isOwner(session: HostSession, owners: readonly string[], actor: string): Promise<boolean> {
  const listed = owners.filter((o) => !o.startsWith('role:'));
  if (listed.some((o) => !o.includes('/') && o.toLowerCase() === actor.toLowerCase())) return true;
  const teams = listed.filter((o) => o.includes('/'));
  return teams.length > 0 && (await isInAnyTeam(session, teams, actor));
}

async function republish(deps: ServiceDeps, session: HostSession, job: { pr: PullRequest; snapshot: PullRequestSnapshot }, report: PolicyReport): Promise<void> {
  const { pr } = job;
  await publishSummary(deps, session, { pr, outcomes: [], command: 'approve_policies', policy: report, plans: job.snapshot.plans() });
  await publishPolicyCheck(deps, session, pr, report);
}

async function audit(deps: ServiceDeps, request: ApprovePoliciesRequest, action: string, detail: Record<string, unknown>): Promise<void> {
  await deps.store.appendAudit({ at: deps.clock.now().toISOString(), pr: request.pr, actor: request.actor, action, detail });
}
