import type { ProjectOutcome } from '../core/project-outcome.ts';
import type { PullRequestRef } from '../core/pull-request.ts';
import { policyBlockReasons, type PolicyReport } from '../policy/judge-policies.ts';
import type { PolicyText } from '../policy/policy-types.ts';
import type { PolicyBook } from '../policy/policy-book.ts';
import { isRepoPolicyFile, REPO_POLICY_DIR, reportPlanPolicies } from '../policy/report-plan-policies.ts';
import type { Checkout } from '../ports/workspace.ts';
import type { WorkingTree } from '../ports/working-tree.ts';
import type { PullRequestSnapshot } from './pull-request-snapshot.ts';
import { POLICY_CHECK_RUN, renderPolicyCheckRun } from '../render/render-policy-check-run.ts';
import { policyView } from '../render/build-summary-view.ts';
import type { HostSession, ServiceDeps } from './service-deps.ts';

/**
 * The PR's policy report: the trusted policies (default pack, server `policy_paths`, the repository's
 * `.sluice/policies/` on the default branch, never the PR's version) evaluated on the facts of its unapplied
 * plans, with the recorded approvals. Policy files the PR edits are listed: they apply after merge.
 */
export async function reportPolicies(deps: ServiceDeps, checkout: Checkout, snapshot: PullRequestSnapshot): Promise<PolicyReport> {
  const repoTexts = await repoPolicyTexts(checkout);
  return reportPlanPolicies({ policies: deps.policies.assemble(repoTexts), plans: snapshot.plans(), approvals: snapshot.approvals(), changedFiles: checkout.changedFiles });
}

async function repoPolicyTexts(checkout: Checkout): Promise<PolicyText[]> {
  const files = (await checkout.listDefaultBranchFiles(REPO_POLICY_DIR)).filter(isRepoPolicyFile).sort();
  const repo = await Promise.all(files.map(async (file): Promise<PolicyText> => {
    const text = await checkout.readFromDefaultBranch(file);
    return text === undefined ? { file, origin: 'repo', readError: 'not a regular file on the default branch' } : { file, origin: 'repo', text };
  }));
  return repo;
}

/** The `sluice/policy` check run of the head commit: one per PR for every project, created completed. */
export async function publishPolicyCheck(deps: ServiceDeps, session: HostSession, pr: PullRequestRef & { headSha: string }, report: PolicyReport): Promise<void> {
  const rendered = renderPolicyCheckRun(policyView(report), { commandName: deps.server.command.name });
  await session.codeHost.createCheckRun(pr.repo, {
    name: POLICY_CHECK_RUN, headSha: pr.headSha, externalId: `${pr.repo}#${pr.number}:policy`, status: 'completed', ...rendered,
  });
}

/**
 * A local plan's policy report, judged as its pull request will be: the default pack, the server's
 * `policy_paths` and the repository's `.sluice/policies/` read from the base commit (the default branch's
 * stand-in), never from the working tree; working-tree edits of those files are listed as applying after
 * merge. There are no approvals locally: what needs one stays pending ("would need approval").
 */
export function reportWorkingTreePolicies(
  where: { readonly tree: WorkingTree; readonly policies: PolicyBook },
  input: { readonly baseSha: string; readonly outcomes: readonly ProjectOutcome[]; readonly changedFiles: readonly string[] },
): PolicyReport {
  const plans = input.outcomes.flatMap((o) => (o.plan === undefined || o.status === 'applied' ? [] : [o.plan]));
  return reportPlanPolicies({ policies: where.policies.assemble(basePolicyTexts(where.tree, input.baseSha)), plans, approvals: [], changedFiles: input.changedFiles });
}

/** `.sluice/policies/*.yaml` at the base commit; what cannot be read becomes a read error (fail closed). */
function basePolicyTexts(tree: WorkingTree, baseSha: string): PolicyText[] {
  const files = tree.readFilesAt(baseSha, REPO_POLICY_DIR);
  if (!files.ok) return [{ file: REPO_POLICY_DIR, origin: 'repo', readError: files.message }];
  return files.value
    .filter((f) => isRepoPolicyFile(f.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f): PolicyText => (f.text === undefined
      ? { file: f.path, origin: 'repo', readError: `not a regular file in the base commit ${baseSha.slice(0, 7)}` }
      : { file: f.path, origin: 'repo', text: f.text }));
}

/**
 * Why the policies block a local apply of each project: errors (fail closed) and denies. Rules that need an
 * approval do not block locally (there is no one to approve; the pull request will ask), so they are left out.
 */
export function localPolicyBlocks(report: PolicyReport, projects: readonly string[]): Map<string, string[]> {
  const withoutApprovals: PolicyReport = { ...report, violations: report.violations.filter((v) => v.status !== 'pending' && v.status !== 'approved') };
  const entries = projects.map((p) => [p, policyBlockReasons(withoutApprovals, p)] as const);
  return new Map(entries.filter(([, reasons]) => reasons.length > 0));
}
