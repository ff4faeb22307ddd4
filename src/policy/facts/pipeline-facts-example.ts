import type { z } from 'zod';
import type { PipelinePolicyFacts } from '../../core/plans/pipeline-plan.ts';

/**
 * The facts policies read of a `pipeline` plan: the plan's own facts schema (src/core/plans/pipeline-plan.ts),
 * re-exported here with the example docs/policy-facts.md shows.
 */
export { PipelineFact, PipelinePolicyFacts } from '../../core/plans/pipeline-plan.ts';

export const PIPELINE_FACTS_EXAMPLE: z.input<typeof PipelinePolicyFacts> = {
  pipelines: [{
    name: 'orders-daily', file: 'pipelines/orders-daily.yaml', change: 'modified', owner: 'acme/data-eng', hasRunbook: true,
    runbook: 'https://runbooks.acme.test/orders-daily', schedule: '0 */4 * * *', runsPerDay: 6,
    sla: { freshnessHoursBefore: 24, freshnessHours: 6, holdsToday: true }, alertRoutes: ['#data-alerts', 'pagerduty:data'], alertRoutesChanged: false,
  }],
};
