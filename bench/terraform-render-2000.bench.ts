/**
 * `terraform-render-2000`: a `terraform show -json` plan of 2,000 resource changes (creates, updates,
 * deletes and replaces of AWS resources in modules, some sensitive) read from its text, parsed
 * (`parseTerraformPlanText`), turned into a plan body (`toPlanBody`) and rendered as the PR's summary
 * comment and the project's check run. Median of 9 runs after 3 warm-ups, against a budget of 500 ms.
 */
import type { Plan } from '../src/core/plan.ts';
import { parseTerraformPlanText } from '../src/engines/terraform/parse-plan-json.ts';
import { toPlanBody } from '../src/engines/terraform/to-plan-body.ts';
import { renderCheckRun } from '../src/render/render-check-run.ts';
import { renderSummaryComment } from '../src/render/render-summary-comment.ts';
import type { ProjectView, SummaryView } from '../src/render/summary-view.ts';
import { terraformPlanJson } from './lib/terraform-plan-json.ts';
import { quantile, round, writeResult } from './lib/result.ts';

const RESOURCES = 2_000;
const BUDGET_MS = 500;
const NOW = '2026-11-24T03:00:00.000Z';
const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

type Rendered = { comment: string; checkRun: { summary: string; text?: string }; changes: number; headline: string };

function asPlan(text: string): Plan {
  const parsed = parseTerraformPlanText(text);
  if (!parsed.ok) throw new Error(parsed.message);
  const body = toPlanBody(parsed.value, { project: 'platform' });
  return {
    ...body, id: 'plan-platform', pr: { repo: 'acme/infra', number: 42 }, project: 'platform', kind: 'terraform', target: 'aws-prod',
    baseSha: '0'.repeat(40), headSha: HEAD, configHash: 'cfg', createdAt: NOW,
  };
}

function summaryView(project: ProjectView): SummaryView {
  return {
    headSha: HEAD, projects: [project], holdsLocks: true, commandName: 'sluice', now: NOW,
    requirements: [{ name: 'approved', met: false, detail: '1 approval from @acme/platform' }],
  };
}

/** One run: what Sluice does between `terraform show -json` printing and the comment and check run being sent. */
function parseAndRender(text: string): Rendered {
  const plan = asPlan(text);
  const project: ProjectView = { name: 'platform', kind: 'terraform', target: 'aws-prod', status: 'planned', plan, policy: '✅' };
  const comment = renderSummaryComment(summaryView(project));
  const checkRun = renderCheckRun({ project, commandName: 'sluice', now: NOW }, 'plan');
  return { comment, checkRun, changes: plan.changes.length, headline: plan.summary.headline };
}

function stageTimes(text: string): Record<string, number> {
  const t0 = performance.now();
  const parsed = parseTerraformPlanText(text);
  const t1 = performance.now();
  if (!parsed.ok) throw new Error(parsed.message);
  toPlanBody(parsed.value, { project: 'platform' });
  const t2 = performance.now();
  parseAndRender(text);
  const t3 = performance.now();
  return { parse: round(t1 - t0, 1), toPlanBody: round(t2 - t1, 1), render: round(t3 - t2 - (t2 - t0), 1) };
}

const text = JSON.stringify(terraformPlanJson(RESOURCES));
let last = parseAndRender(text);
for (let i = 0; i < 2; i++) last = parseAndRender(text);
const samples: number[] = [];
for (let i = 0; i < 9; i++) {
  const started = performance.now();
  last = parseAndRender(text);
  samples.push(performance.now() - started);
}
const median = round(quantile(samples, 0.5), 1);
console.log(`plan JSON ${(text.length / 1024 / 1024).toFixed(1)} MiB, ${last.changes} changes: ${last.headline}`);
console.log(`comment ${last.comment.length} chars; check run summary ${last.checkRun.summary.length}, text ${last.checkRun.text?.length ?? 0} chars`);
console.log(`one run by stage (ms): ${JSON.stringify(stageTimes(text))}; samples (ms): ${samples.map((s) => round(s, 1)).join(', ')}`);
writeResult({ name: 'terraform-render-2000', value: median, unit: 'ms', baseline: { name: 'budget', value: BUDGET_MS }, goal: 'ratio <= 1' });
