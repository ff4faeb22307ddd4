/** Plain-value fixtures for the render tests: the scenarios of PR-CONVERSATION.md. */
import type { Failure } from '../../../src/core/outcome.ts';
import { failure } from '../../../src/core/outcome.ts';
import type { Plan, PlanBody, PlanChange, PlanSummary, TestOutcome } from '../../../src/core/plan.ts';
import type { ProjectKind } from '../../../src/core/project.ts';
import type { ProjectView, Requirement, SummaryView } from '../../../src/render/summary-view.ts';
import { EMPTY_PAYLOAD, planOf } from '../../fakes/plan-payloads.ts';

export const NOW = '2025-03-14T12:00:00.000Z';
export const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

export function makePlan(options: { project: string; kind: ProjectKind; target: string; summary: PlanSummary; changes?: readonly PlanChange[]; tests?: readonly TestOutcome[] }): Plan {
  return planOf({
    ...EMPTY_PAYLOAD[options.kind](options.project),
    id: `plan-${options.project}`,
    pr: { repo: 'acme/data', number: 42 },
    project: options.project,
    target: options.target,
    baseSha: '0000000000000000000000000000000000000000',
    headSha: HEAD,
    configHash: 'cfg',
    createdAt: '2025-03-14T11:58:00.000Z',
    summary: options.summary,
    changes: options.changes ?? [],
    tests: options.tests ?? [],
    annotations: [],
  });
}

/** A plan with the payload (kind, facts, report, artifacts) and changes of an engine's body. */
export function planWithBody(options: { project: string; target: string }, body: PlanBody): Plan {
  return planOf({ ...makePlan({ ...options, kind: body.kind, summary: body.summary }), ...body });
}

export function passing(count: number, prefix = 'test'): TestOutcome[] {
  return Array.from({ length: count }, (_, i) => ({ name: `${prefix}_${i + 1}`, status: 'passed' as const }));
}

export const analyticsPlan = makePlan({
  project: 'analytics',
  kind: 'sql',
  target: 'warehouse',
  summary: { headline: '2 modified (1 breaking), 3 impacted', add: 0, change: 2, destroy: 0 },
  changes: [
    { action: 'update', address: 'marts.daily_revenue', detail: ['~ revenue: 212 rows changed (mean −0.4%)'] },
    { action: 'update', address: 'marts.orders', risk: 'breaking', detail: ['- amount DECIMAL(10,2)', '+ amount DOUBLE', "~ where status <> 'test'  →  where status = 'paid'"] },
    { action: 'update', address: 'staging.stg_orders', risk: 'none' },
    { action: 'read', address: 'staging.stg_payments' },
  ],
  tests: [
    ...passing(12, 'not_null'),
    { name: 'unique_order_id', status: 'passed' },
    { name: 'accepted_values_status', status: 'passed' },
  ],
});

export const lakePlan = makePlan({
  project: 'lake',
  kind: 'cdktf',
  target: 'aws-prod',
  summary: { headline: 'Plan: 1 to add, 1 to change, 0 to destroy.', add: 1, change: 1, destroy: 0 },
  changes: [
    { action: 'create', address: 'aws_s3_bucket_lifecycle_configuration.raw', detail: ['+ rule.0.id              = "expire-raw"', '+ rule.0.expiration.days = 90'] },
    { action: 'update', address: 'aws_s3_bucket.raw', detail: ['~ tags.owner = "platform" -> "data"'] },
  ],
});

export const ordersDailyPlan = makePlan({
  project: 'orders-daily',
  kind: 'pipeline',
  target: 'scheduler',
  summary: { headline: 'SLA tightened 24 h → 6 h', add: 0, change: 1, destroy: 0 },
  changes: [{ action: 'update', address: 'pipelines/orders-daily.yaml', detail: ['- sla: 24h', '+ sla: 6h'] }],
  tests: [{ name: 'sla_holds_today', status: 'passed', message: 'last 7 runs finished within 2 h 10 min' }],
});

export const requirements: Requirement[] = [
  { name: 'mergeable', met: true, detail: 'no conflicts, checks passing' },
  { name: 'approved', met: false, detail: '1 approval from @acme/platform' },
  { name: 'policy', met: false, detail: 'policy approval' },
];

export function project(name: string, kind: ProjectKind, target: string, rest: Omit<ProjectView, 'name' | 'kind' | 'target'>): ProjectView {
  return { name, kind, target, ...rest };
}

export function summary(projects: ProjectView[], rest: Partial<SummaryView> = {}): SummaryView {
  return { headSha: HEAD, projects, requirements: [], holdsLocks: true, commandName: 'sluice', now: NOW, ...rest };
}

export const binderError: Failure = failure('engine_failed', 'planning analytics: building marts.orders: Binder Error: column "amt" not found', {
  location: { file: 'models/marts/orders.sql', line: 12, column: 8 },
  hint: 'Fix the column name in `models/marts/orders.sql` and push; Sluice plans again on every push.',
});
