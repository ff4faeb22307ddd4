import { describe, expect, it } from 'vitest';
import { hasChanges } from '../../../src/core/plan.ts';
import { erroredPlanFailure } from '../../../src/engines/terraform/errored-plan-failure.ts';
import { parseTerraformPlan } from '../../../src/engines/terraform/parse-plan-json.ts';
import { toPlanBody } from '../../../src/engines/terraform/to-plan-body.ts';
import { renderSummaryComment } from '../../../src/render/render-summary-comment.ts';
import type { ProjectView } from '../../../src/render/summary-view.ts';
import { expectGolden } from '../../golden-file.ts';
import { planWithBody, project, summary } from '../render/views.ts';
import { FIXTURE_NAMES, readFixture } from './fixture-plans.ts';

function viewOf(name: string): ProjectView {
  const parsed = parseTerraformPlan(readFixture(name));
  if (!parsed.ok) throw new Error(parsed.message);
  if (parsed.value.errored) return project('infra', 'terraform', 'aws-prod', { status: 'failed', failure: erroredPlanFailure({ binary: 'terraform' }) });
  const body = toPlanBody(parsed.value, { project: 'infra' });
  const plan = planWithBody({ project: 'infra', target: 'aws-prod' }, body);
  return project('infra', 'terraform', 'aws-prod', { status: hasChanges(plan) ? 'planned' : 'no-changes', plan });
}

/** Secret values (and the keys of sensitive maps) in the fixtures that must not reach the comment. */
const SECRETS: Readonly<Record<string, readonly string[]>> = {
  'sensitive-values': ['boop'],
  'sensitive-nested': ['Passw0rd', 'API_TOKEN', 'DB_PASSWORD', 'tok_live', 'Rabbit-', 'Hunter2', 'acme.example/v'],
  'tf0.13-secret-names': ['Passw0rd', 'Hunter2'],
  'action-invocations': ['eyJzb3VyY2Ui'],
};

describe('terraform plans through the summary renderer', () => {
  it.each(FIXTURE_NAMES)('renders %s', (name) => {
    const markdown = renderSummaryComment(summary([viewOf(name)]));
    for (const secret of SECRETS[name] ?? []) expect(markdown).not.toContain(secret);
    expectGolden(`terraform-${name}`, markdown);
  });
});
