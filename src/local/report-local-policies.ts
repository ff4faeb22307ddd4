import type { ServerConfig } from '../config/schema.ts';
import { isFailure } from '../core/outcome.ts';
import type { ProjectOutcome } from '../core/project-outcome.ts';
import { policyBlockReasons, type PolicyReport } from '../policy/judge-policies.ts';
import type { PolicyText } from '../policy/policy-types.ts';
import { readServerPolicies } from '../policy/read-server-policies.ts';
import { isRepoPolicyFile, REPO_POLICY_DIR, reportPlanPolicies } from '../policy/report-plan-policies.ts';
import { readFilesAt } from './local-git.ts';

/**
 * A local plan's policy report, judged as its pull request will be: the default pack, the server's
 * `policy_paths` and the repository's `.sluice/policies/` read from the base commit (the default branch's
 * stand-in), never from the working tree; working-tree edits of those files are listed as applying after
 * merge. There are no approvals locally: what needs one stays pending ("would need approval").
 */
export function reportLocalPolicies(
  where: { readonly root: string; readonly server: ServerConfig },
  input: { readonly baseSha: string; readonly outcomes: readonly ProjectOutcome[]; readonly changedFiles: readonly string[] },
): PolicyReport {
  const texts = [...readServerPolicies(where.server.policy_paths), ...basePolicyTexts(where.root, input.baseSha)];
  const plans = input.outcomes.flatMap((o) => (o.plan === undefined || o.status === 'applied' ? [] : [o.plan]));
  return reportPlanPolicies({ texts, plans, approvals: [], changedFiles: input.changedFiles });
}

/** `.sluice/policies/*.yaml` at the base commit; what cannot be read becomes a read error (fail closed). */
function basePolicyTexts(root: string, baseSha: string): PolicyText[] {
  const files = readFilesAt(root, baseSha, REPO_POLICY_DIR);
  if (isFailure(files)) return [{ file: REPO_POLICY_DIR, origin: 'repo', readError: files.message }];
  return files
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
