import type { ChangeAction, PlanBody } from '../core/plan.ts';
import type { TerraformCheckFact, TerraformDriftFact, TerraformReport, TerraformWarning } from '../core/plans/terraform-plan.ts';
import { fencedBlock, folded, htmlCode, inlineCode, markdownText, plural } from './format-markdown.ts';
import { CHANGE_SYMBOL } from './render-changes.ts';

/**
 * Sections only terraform and cdktf plans have, read from their report (`TerraformReport` in
 * src/core/plans/terraform-plan.ts): warnings, the not-state-aware note of a configuration diff, failed
 * checks (warnings), and drift (objects changed outside of Terraform). Empty for every other plan.
 */
export function renderTerraformSections(plan: PlanBody | undefined): string {
  if (plan?.kind !== 'terraform' && plan?.kind !== 'cdktf') return '';
  return renderTerraformReport(plan.report);
}

function renderTerraformReport(report: TerraformReport): string {
  const note = report.mode === 'config-diff' ? CONFIG_DIFF_NOTE : '';
  const severalStacks = report.stacks.length > 1;
  return [renderWarnings(report.warnings), note, renderFailedChecks(report.checks), renderDrift(report.drift, { severalStacks })]
    .filter((b) => b !== '').join('\n\n');
}

/** The heading of each plan warning. */
const WARNING_TITLE: Readonly<Record<TerraformWarning['kind'], string>> = {
  'local-state': 'Local state',
  'unsandboxed-synth': 'No synth sandbox',
};

function renderWarnings(warnings: readonly TerraformWarning[]): string {
  return warnings.map((w) => `> ⚠️ **${WARNING_TITLE[w.kind]}:** ${markdownText(w.message)}`).join('\n>\n');
}

const CONFIG_DIFF_NOTE = '> ℹ️ **Configuration diff, not state-aware:** no `terraform` or `tofu` binary is available, so this compares '
  + 'the configuration at base and head. It cannot see the state, drift or replacements, and it cannot be applied.';

const CHECK_STATUS: Readonly<Record<TerraformCheckFact['status'], string>> = { fail: 'failed', error: 'could not be evaluated' };

/** What Terraform checks, by the `kind` of its address; other kinds are named as they are. */
const CHECK_KIND: Readonly<Record<string, string>> = {
  check: 'check block', resource: 'resource condition', output_value: 'output condition', var: 'variable validation',
};

/** Failed `check` blocks and conditions: warnings, as Terraform prints them; the plan can still be applied. */
function renderFailedChecks(checks: readonly TerraformCheckFact[]): string {
  if (checks.length === 0) return '';
  const head = `> ⚠️ **Warning:** ${plural(checks.length, 'check')} failed; the plan can still be applied.`;
  const items = checks.map((c) => {
    const what = `${inlineCode(c.address)} (${markdownText(CHECK_KIND[c.kind] ?? c.kind)}) ${CHECK_STATUS[c.status]}`;
    return c.problems.length === 0 ? `> - ${what}` : `> - ${what}: ${c.problems.map(markdownText).join(' · ')}`;
  });
  return [head, '>', ...items].join('\n');
}

const DRIFT_VERB: Readonly<Record<ChangeAction, string>> = {
  create: 'appeared', update: 'changed', delete: 'was deleted', replace: 'was replaced', read: 'was read', 'no-op': 'is unchanged',
};

/** Drift entries; in a plan of several CDKTF stacks, addresses read `<stack>/<address>` like its changes. */
function renderDrift(drift: readonly TerraformDriftFact[], options: { severalStacks: boolean }): string {
  if (drift.length === 0) return '';
  const head = `**Drift:** ${plural(drift.length, 'object')} changed outside of Terraform since the last apply; this plan works from what the refresh found.`;
  const items = drift.map((d) => {
    const address = options.severalStacks && d.stack !== undefined ? `${d.stack}/${d.address}` : d.address;
    const summary = `${htmlCode(CHANGE_SYMBOL[d.action])} ${htmlCode(address)} ${DRIFT_VERB[d.action]} outside of Terraform`;
    return d.detail.length === 0 ? `- ${summary}` : folded(summary, fencedBlock(d.detail, 'diff'));
  });
  return [head, ...items].join('\n\n');
}
