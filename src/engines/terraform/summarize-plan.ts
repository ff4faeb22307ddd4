import type { PlanSummary } from '../../core/plan.ts';
import { changeAction, isEffective } from './describe-resource-change.ts';
import type { TerraformResourceChange } from './schema.ts';

/**
 * Terraform's own summary line: `Plan: 2 to add, 1 to change, 1 to destroy.` (replaces count in add and
 * destroy; `N to import` and `N to forget` appear only when non-zero), or `No changes.`.
 */
export function summarizePlan(changes: readonly TerraformResourceChange[], options: { outputChanges: number; errored: boolean }): PlanSummary {
  const managed = changes.filter((rc) => rc.mode !== 'data');
  const count = (predicate: (actions: readonly string[]) => boolean): number => managed.filter((rc) => predicate(rc.change.actions)).length;
  const replace = count((a) => changeAction(a) === 'replace');
  const add = count((a) => changeAction(a) === 'create') + replace;
  const change = count((a) => changeAction(a) === 'update');
  const destroy = count((a) => changeAction(a) === 'delete' && !a.includes('forget')) + replace;
  const forget = count((a) => a.includes('forget') && !a.includes('delete'));
  const imports = managed.filter((rc) => rc.change.importing != null).length;
  const numbers = { add, change, destroy };
  if (options.errored) return { headline: 'Plan errored: incomplete, cannot be applied.', ...numbers };
  if (changes.some(isEffective)) return { headline: planLine({ imports, add, change, destroy, forget }), ...numbers };
  if (options.outputChanges > 0) return { headline: `Changes to Outputs: ${options.outputChanges} (no resource changes).`, ...numbers };
  return { headline: 'No changes.', ...numbers };
}

/** `Plan: 1 to import, 2 to add, 1 to change, 1 to destroy, 1 to forget.` */
export function planLine(counts: { imports: number; add: number; change: number; destroy: number; forget: number }): string {
  const parts = [`${counts.add} to add`, `${counts.change} to change`, `${counts.destroy} to destroy`];
  if (counts.imports > 0) parts.unshift(`${counts.imports} to import`);
  if (counts.forget > 0) parts.push(`${counts.forget} to forget`);
  return `Plan: ${parts.join(', ')}.`;
}
