import type { PullRequestRef } from '../core/pull-request.ts';
import { assemblePolicies } from '../policy/assemble-policies.ts';
import { evaluatePolicies } from '../policy/evaluate-policies.ts';
import { describeError, judgePolicies, type PolicyReport } from '../policy/judge-policies.ts';
import type { PolicyText } from '../policy/policy-types.ts';
import { readServerPolicies } from '../policy/read-server-policies.ts';
import type { Checkout } from '../ports/workspace.ts';
import { POLICY_CHECK_RUN, renderPolicyCheckRun } from '../render/render-policy-check-run.ts';
import type { PolicyView } from '../render/summary-view.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';

/** Where a repository keeps its own policy files; read from the default branch only. */
export const REPO_POLICY_DIR = '.sluice/policies';
const POLICY_FILE = /\.ya?ml$/;

/**
 * The PR's policy report: the trusted policies (default pack, server `policy_paths`, the repository's
 * `.sluice/policies/` on the default branch, never the PR's version) evaluated on the facts of its unapplied
 * plans, with the recorded approvals. Policy files the PR edits are listed: they apply after merge.
 */
export async function reportPolicies(deps: ServiceDeps, checkout: Checkout, pr: PullRequestRef): Promise<PolicyReport> {
  const [texts, plans, approvals] = await Promise.all([policyTexts(deps, checkout), deps.store.listPlans(pr), deps.store.listPolicyApprovals(pr)]);
  const subjects = plans.filter((p) => p.appliedAt === undefined).map((p) => ({ name: p.project, kind: p.kind, target: p.target, facts: p.facts }));
  const evaluation = evaluatePolicies(assemblePolicies(texts), subjects);
  const changed = checkout.changedFiles.filter((f) => f.startsWith(`${REPO_POLICY_DIR}/`) && POLICY_FILE.test(f));
  return judgePolicies(evaluation, approvals, changed);
}

async function policyTexts(deps: ServiceDeps, checkout: Checkout): Promise<PolicyText[]> {
  const files = (await checkout.listDefaultBranchFiles(REPO_POLICY_DIR)).filter((f) => POLICY_FILE.test(f)).sort();
  const repo = await Promise.all(files.map(async (file): Promise<PolicyText> => {
    const text = await checkout.readFromDefaultBranch(file);
    return text === undefined ? { file, origin: 'repo', readError: 'not a regular file on the default branch' } : { file, origin: 'repo', text };
  }));
  return [...readServerPolicies(deps.server.policy_paths), ...repo];
}

export function policyView(report: PolicyReport): PolicyView {
  return {
    rows: report.violations.map((v) => ({
      project: v.project, ruleId: v.ruleId, effect: v.effect, status: v.status, message: v.message,
      owners: v.owners, approvedBy: v.approvedBy, count: v.count, missing: v.missing,
    })),
    errors: report.errors.map(describeError),
    rulesChecked: report.rulesChecked,
    changedPolicyFiles: report.changedPolicyFiles,
  };
}

/** The `sluice/policy` check run of the head commit: one per PR for every project, created completed. */
export async function publishPolicyCheck(deps: ServiceDeps, session: HostSession, pr: PullRequestRef & { headSha: string }, report: PolicyReport): Promise<void> {
  const rendered = renderPolicyCheckRun(policyView(report), { commandName: deps.server.command.name });
  await session.codeHost.createCheckRun(pr.repo, {
    name: POLICY_CHECK_RUN, headSha: pr.headSha, externalId: `${pr.repo}#${pr.number}:policy`, status: 'completed', ...rendered,
  });
}
