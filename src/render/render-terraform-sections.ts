import type { ChangeAction, PlanBody } from '../core/plan.ts';
import { fencedBlock, folded, htmlCode, inlineCode, markdownText, plural } from './format-markdown.ts';
import { CHANGE_SYMBOL } from './render-changes.ts';

/**
 * Sections only Terraform plans have, read from their facts (`facts.engine === 'terraform'`; see
 * `TerraformFacts` in src/engines/terraform/schema.ts): the not-state-aware note of a configuration
 * diff, failed checks (warnings), and drift (objects changed outside of Terraform). Empty for every other plan.
 */
export function renderTerraformSections(plan: Pick<PlanBody, 'facts'> | undefined): string {
  const facts = plan?.facts;
  if (facts === undefined || facts['engine'] !== 'terraform') return '';
  const note = facts['stateAware'] === false ? CONFIG_DIFF_NOTE : '';
  const severalStacks = Array.isArray(facts['stacks']) && facts['stacks'].length > 1;
  return [renderWarnings(readWarnings(facts['warnings'])), note, renderFailedChecks(readChecks(facts['checks'])), renderDrift(readDrift(facts['drift']), { severalStacks })]
    .filter((b) => b !== '').join('\n\n');
}

type WarningView = { readonly kind: 'local-state' | 'unsandboxed-synth'; readonly message: string };

/** The heading of each plan warning (`TerraformWarning` of src/engines/terraform/schema.ts). */
const WARNING_TITLE: Readonly<Record<WarningView['kind'], string>> = {
  'local-state': 'Local state',
  'unsandboxed-synth': 'No synth sandbox',
};

function renderWarnings(warnings: readonly WarningView[]): string {
  return warnings.map((w) => `> ⚠️ **${WARNING_TITLE[w.kind]}:** ${markdownText(w.message)}`).join('\n>\n');
}

function readWarnings(value: unknown): WarningView[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is WarningView => typeof v === 'object' && v !== null && typeof v.message === 'string' && v.kind in WARNING_TITLE);
}

const CONFIG_DIFF_NOTE = '> ℹ️ **Configuration diff, not state-aware:** no `terraform` or `tofu` binary is available, so this compares '
  + 'the configuration at base and head. It cannot see the state, drift or replacements, and it cannot be applied.';

type CheckView = { readonly address: string; readonly kind: string; readonly status: 'fail' | 'error'; readonly problems: readonly string[] };

const CHECK_STATUS: Readonly<Record<CheckView['status'], string>> = { fail: 'failed', error: 'could not be evaluated' };

/** What Terraform checks, by the `kind` of its address; other kinds are named as they are. */
const CHECK_KIND: Readonly<Record<string, string>> = {
  check: 'check block', resource: 'resource condition', output_value: 'output condition', var: 'variable validation',
};

/** Failed `check` blocks and conditions: warnings, as Terraform prints them; the plan can still be applied. */
function renderFailedChecks(checks: readonly CheckView[]): string {
  if (checks.length === 0) return '';
  const head = `> ⚠️ **Warning:** ${plural(checks.length, 'check')} failed; the plan can still be applied.`;
  const items = checks.map((c) => {
    const what = `${inlineCode(c.address)} (${markdownText(CHECK_KIND[c.kind] ?? c.kind)}) ${CHECK_STATUS[c.status]}`;
    return c.problems.length === 0 ? `> - ${what}` : `> - ${what}: ${c.problems.map(markdownText).join(' · ')}`;
  });
  return [head, '>', ...items].join('\n');
}

function readChecks(value: unknown): CheckView[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isCheckView);
}

function isCheckView(value: unknown): value is CheckView {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['address'] === 'string' && typeof v['kind'] === 'string' && typeof v['status'] === 'string' && v['status'] in CHECK_STATUS
    && Array.isArray(v['problems']) && v['problems'].every((p) => typeof p === 'string');
}

type DriftView = { readonly address: string; readonly action: ChangeAction; readonly detail: readonly string[]; readonly stack?: unknown };

const DRIFT_VERB: Readonly<Record<ChangeAction, string>> = {
  create: 'appeared', update: 'changed', delete: 'was deleted', replace: 'was replaced', read: 'was read', 'no-op': 'is unchanged',
};

/** Drift entries; in a plan of several CDKTF stacks, addresses read `<stack>/<address>` like its changes. */
function renderDrift(drift: readonly DriftView[], options: { severalStacks: boolean }): string {
  if (drift.length === 0) return '';
  const head = `**Drift:** ${plural(drift.length, 'object')} changed outside of Terraform since the last apply; this plan works from what the refresh found.`;
  const items = drift.map((d) => {
    const address = options.severalStacks && typeof d.stack === 'string' ? `${d.stack}/${d.address}` : d.address;
    const summary = `${htmlCode(CHANGE_SYMBOL[d.action])} ${htmlCode(address)} ${DRIFT_VERB[d.action]} outside of Terraform`;
    return d.detail.length === 0 ? `- ${summary}` : folded(summary, fencedBlock(d.detail, 'diff'));
  });
  return [head, ...items].join('\n\n');
}

function readDrift(value: unknown): DriftView[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isDriftView);
}

function isDriftView(value: unknown): value is DriftView {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['address'] === 'string' && typeof v['action'] === 'string' && v['action'] in CHANGE_SYMBOL
    && Array.isArray(v['detail']) && v['detail'].every((line) => typeof line === 'string');
}
