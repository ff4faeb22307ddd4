import type { PlanSummary } from '../../core/plan.ts';
import { isEffective, terraformAction, type TerraformAction } from './describe-resource-change.ts';
import type { TerraformResourceChange } from './schema.ts';

export type SummaryOptions = {
  readonly outputChanges: number;
  readonly errored: boolean;
  /** Actions the plan invokes (Terraform 1.14+). */
  readonly actions?: number;
  /** Checks that failed or errored: warnings. */
  readonly failedChecks?: number;
};

/**
 * Terraform's own summary line: `Plan: 2 to add, 1 to change, 1 to destroy.` (replaces count in add and
 * destroy; `N to import` and `N to forget` appear only when non-zero; `Actions: N to invoke.` when the plan
 * invokes actions), or `No changes.`; failed checks follow as a warning count.
 */
export function summarizePlan(changes: readonly TerraformResourceChange[], options: SummaryOptions): PlanSummary {
  const managed = changes.filter((rc) => rc.mode !== 'data');
  const count = (...kinds: TerraformAction[]): number => managed.filter((rc) => kinds.includes(terraformAction(rc.change.actions))).length;
  const replace = count('delete-then-create', 'create-then-delete');
  const add = count('create', 'create-then-forget') + replace;
  const change = count('update');
  const destroy = count('delete') + replace;
  const forget = count('forget', 'create-then-forget');
  const imports = managed.filter((rc) => rc.change.importing != null).length;
  const actions = options.actions ?? 0;
  const numbers = { add, change, destroy };
  const warnings = checksLine(options.failedChecks ?? 0);
  if (options.errored) return { headline: 'Plan errored: incomplete, cannot be applied.', ...numbers };
  if (changes.some(isEffective) || actions > 0) {
    const invoked = actions > 0 ? ` Actions: ${actions} to invoke.` : '';
    return { headline: `${planLine({ imports, add, change, destroy, forget })}${invoked}${warnings}`, ...numbers };
  }
  if (options.outputChanges > 0) return { headline: `Changes to Outputs: ${options.outputChanges} (no resource changes).${warnings}`, ...numbers };
  return { headline: `No changes.${warnings}`, ...numbers };
}

/** `Plan: 1 to import, 2 to add, 1 to change, 1 to destroy, 1 to forget.` */
export function planLine(counts: { imports: number; add: number; change: number; destroy: number; forget: number }): string {
  const parts = [`${counts.add} to add`, `${counts.change} to change`, `${counts.destroy} to destroy`];
  if (counts.imports > 0) parts.unshift(`${counts.imports} to import`);
  if (counts.forget > 0) parts.push(`${counts.forget} to forget`);
  return `Plan: ${parts.join(', ')}.`;
}

function checksLine(failed: number): string {
  if (failed === 0) return '';
  return ` Warning: ${failed} ${failed === 1 ? 'check' : 'checks'} failed.`;
}
