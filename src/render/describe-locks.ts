import type { SummaryView } from './summary-view.ts';

/** The header's lock note: `🔒 locked by this PR`, `🔒 1 project locked by another PR`, both, or empty. */
export function describeLocks(view: SummaryView): string {
  const notes = view.holdsLocks ? ['🔒 locked by this PR'] : [];
  const elsewhere = view.projects.filter((p) => p.status === 'locked-elsewhere').length;
  if (elsewhere === 1) notes.push('🔒 1 project locked by another PR');
  if (elsewhere > 1) notes.push(`🔒 ${elsewhere} projects locked by other PRs`);
  return notes.join(' · ');
}
