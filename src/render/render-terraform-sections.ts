import type { ChangeAction, PlanBody } from '../core/plan.ts';
import { fencedBlock, folded, htmlCode, plural } from './format-markdown.ts';
import { CHANGE_SYMBOL } from './render-changes.ts';

/**
 * Sections only Terraform plans have, read from their facts (`facts.engine === 'terraform'`; see
 * `TerraformFacts` in src/engines/terraform/schema.ts): the not-state-aware note of a configuration
 * diff, and drift (objects changed outside of Terraform). Empty for every other plan.
 */
export function renderTerraformSections(plan: Pick<PlanBody, 'facts'> | undefined): string {
  const facts = plan?.facts;
  if (facts === undefined || facts['engine'] !== 'terraform') return '';
  const note = facts['stateAware'] === false ? CONFIG_DIFF_NOTE : '';
  const severalStacks = Array.isArray(facts['stacks']) && facts['stacks'].length > 1;
  return [note, renderDrift(readDrift(facts['drift']), { severalStacks })].filter((b) => b !== '').join('\n\n');
}

const CONFIG_DIFF_NOTE = '> ℹ️ **Configuration diff, not state-aware:** no `terraform` or `tofu` binary is available, so this compares '
  + 'the configuration at base and head. It cannot see the state, drift or replacements, and it cannot be applied.';

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
