import type { CheckConclusion } from '../ports/code-host.ts';
import { plural } from './format-markdown.ts';
import { renderPolicySection } from './render-policy-section.ts';
import type { PolicyView } from './summary-view.ts';

/** The check run that gates apply on policies, one per PR for every project. */
export const POLICY_CHECK_RUN = 'sluice/policy';

/**
 * `sluice/policy`: failure while a policy errors, denies or waits for approvals (apply is blocked), success
 * otherwise; the summary is the comment's policy section.
 */
export function renderPolicyCheckRun(view: PolicyView, options: { commandName: string }): { title: string; summary: string; conclusion: CheckConclusion } {
  const summary = renderPolicySection(view, options).replace(/^#### Policies\n\n/, '');
  const count = (status: string) => view.rows.filter((r) => r.status === status).length;
  const [denied, pending, warnings] = [count('denied'), count('pending'), count('warn')];
  if (view.errors.length > 0) return { title: `Policies could not be evaluated (${plural(view.errors.length, 'error')})`, summary, conclusion: 'failure' };
  if (denied > 0) return { title: `Denied by ${plural(denied, 'policy', 'policies')}`, summary, conclusion: 'failure' };
  if (pending > 0) return { title: `${plural(pending, 'policy', 'policies')} need${pending === 1 ? 's' : ''} approval`, summary, conclusion: 'failure' };
  const passed = view.rulesChecked === 0 ? 'No policy applies' : `${plural(view.rulesChecked, 'policy check')} passed`;
  return { title: warnings > 0 ? `${passed} with ${plural(warnings, 'warning')}` : passed, summary, conclusion: 'success' };
}
