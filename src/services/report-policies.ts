import type { PullRequestRef } from '../core/pull-request.ts';
import type { PolicyReport } from '../policy/judge-policies.ts';
import type { PolicyText } from '../policy/policy-types.ts';
import { readServerPolicies } from '../policy/read-server-policies.ts';
import { isRepoPolicyFile, REPO_POLICY_DIR, reportPlanPolicies } from '../policy/report-plan-policies.ts';
import type { Checkout } from '../ports/workspace.ts';
import { POLICY_CHECK_RUN, renderPolicyCheckRun } from '../render/render-policy-check-run.ts';
import { policyView } from './policy-summary-view.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';

/**
 * The PR's policy report: the trusted policies (default pack, server `policy_paths`, the repository's
 * `.sluice/policies/` on the default branch, never the PR's version) evaluated on the facts of its unapplied
 * plans, with the recorded approvals. Policy files the PR edits are listed: they apply after merge.
 */
export async function reportPolicies(deps: ServiceDeps, checkout: Checkout, pr: PullRequestRef): Promise<PolicyReport> {
  const [texts, plans, approvals] = await Promise.all([policyTexts(deps, checkout), deps.store.listPlans(pr), deps.store.listPolicyApprovals(pr)]);
  return reportPlanPolicies({ texts, plans, approvals, changedFiles: checkout.changedFiles });
}

async function policyTexts(deps: ServiceDeps, checkout: Checkout): Promise<PolicyText[]> {
  const files = (await checkout.listDefaultBranchFiles(REPO_POLICY_DIR)).filter(isRepoPolicyFile).sort();
  const repo = await Promise.all(files.map(async (file): Promise<PolicyText> => {
    const text = await checkout.readFromDefaultBranch(file);
    return text === undefined ? { file, origin: 'repo', readError: 'not a regular file on the default branch' } : { file, origin: 'repo', text };
  }));
  return [...readServerPolicies(deps.server.policy_paths), ...repo];
}

/** The `sluice/policy` check run of the head commit: one per PR for every project, created completed. */
export async function publishPolicyCheck(deps: ServiceDeps, session: HostSession, pr: PullRequestRef & { headSha: string }, report: PolicyReport): Promise<void> {
  const rendered = renderPolicyCheckRun(policyView(report), { commandName: deps.server.command.name });
  await session.codeHost.createCheckRun(pr.repo, {
    name: POLICY_CHECK_RUN, headSha: pr.headSha, externalId: `${pr.repo}#${pr.number}:policy`, status: 'completed', ...rendered,
  });
}
