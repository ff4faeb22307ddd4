import type { Plan, PlanChange } from '../core/plan.ts';
import { failedTests } from '../core/plan.ts';
import { inlineCode, plural } from './format-markdown.ts';
import { isMarkedRisk, isRisky } from './render-changes.ts';

const LISTED = 3;

/**
 * The first line of a project's section when something is risky:
 * `> 🔴 **Risk:** 1 breaking change: `marts.orders` · 1 failing test · 1 delete`. Empty when nothing is.
 */
export function renderRiskCallout(plan: Pick<Plan, 'changes' | 'tests'>): string {
  const items = [
    ...markedItems(plan.changes, 'breaking'),
    ...markedItems(plan.changes, 'destructive'),
    ...countItem(failedTests(plan).length, 'failing test'),
    ...countItem(plan.changes.filter((c) => isRisky(c) && !isMarkedRisk(c) && c.action === 'delete').length, 'delete'),
    ...countItem(plan.changes.filter((c) => isRisky(c) && !isMarkedRisk(c) && c.action === 'replace').length, 'replace'),
  ];
  return items.length === 0 ? '' : `> 🔴 **Risk:** ${items.join(' · ')}`;
}

function markedItems(changes: readonly PlanChange[], risk: 'breaking' | 'destructive'): string[] {
  const addresses = changes.filter((c) => c.risk === risk).map((c) => c.address);
  if (addresses.length === 0) return [];
  const listed = addresses.slice(0, LISTED).map(inlineCode).join(', ');
  const more = addresses.length > LISTED ? ` and ${addresses.length - LISTED} more` : '';
  return [`${plural(addresses.length, `${risk} change`)}: ${listed}${more}`];
}

function countItem(count: number, noun: string): string[] {
  return count === 0 ? [] : [plural(count, noun)];
}
