import { z } from 'zod';

/** One pipeline of a `pipeline` project as the plan leaves it. */
export const PipelineFact = z.object({
  name: z.string().describe('The pipeline\'s name.'),
  file: z.string().optional().describe('The config file, relative to the repository root.'),
  change: z.enum(['added', 'modified', 'removed', 'unchanged']).default('modified').describe('`added`, `modified`, `removed` or `unchanged`.'),
  owner: z.string().nullable().default(null).describe('`org/team` or a login; null when the config names none.'),
  hasRunbook: z.boolean().default(false).describe('Whether the config links a runbook.'),
  runbook: z.string().nullable().default(null).describe('The runbook link or path; null when none.'),
  schedule: z.string().nullable().default(null).describe('The cron expression (or interval) after the change; null for manually triggered pipelines.'),
  runsPerDay: z.number().min(0).default(0).describe('How often the schedule fires per day (0 for manual pipelines).'),
  /** SLA thresholds in hours, before and after the change (null when none). */
  sla: z.object({
    freshnessHoursBefore: z.number().nullable().default(null).describe('The freshness SLA before the change, in hours.'),
    freshnessHours: z.number().nullable().default(null).describe('The freshness SLA after the change, in hours.'),
    holdsToday: z.boolean().nullable().default(null).describe('Whether the SLA holds on today\'s runs with the new threshold.'),
  }).default({ freshnessHoursBefore: null, freshnessHours: null, holdsToday: null }).describe('SLA thresholds, before and after the change (null when none).'),
  alertRoutes: z.array(z.string()).default([]).describe('Alert routes (channels, pager services) after the change.'),
  alertRoutesChanged: z.boolean().default(false).describe('Whether this change adds, removes or edits alert routes.'),
}).describe('A pipeline of the project, as the plan leaves it.');

/** `PlanBody.facts` of a `pipeline` project plan. Unknown keys pass through to policies. */
export const PipelineFacts = z.looseObject({
  pipelines: z.array(PipelineFact).default([]).describe('The pipelines this plan adds, changes or removes.'),
}).describe('Facts of a pipeline project plan.');
export type PipelineFacts = z.infer<typeof PipelineFacts>;

export const PIPELINE_FACTS_EXAMPLE: z.input<typeof PipelineFacts> = {
  pipelines: [{
    name: 'orders-daily', file: 'pipelines/orders-daily.yaml', change: 'modified', owner: 'acme/data-eng', hasRunbook: true,
    runbook: 'https://runbooks.acme.test/orders-daily', schedule: '0 */4 * * *', runsPerDay: 6,
    sla: { freshnessHoursBefore: 24, freshnessHours: 6, holdsToday: true }, alertRoutes: ['#data-alerts', 'pagerduty:data'], alertRoutesChanged: false,
  }],
};
