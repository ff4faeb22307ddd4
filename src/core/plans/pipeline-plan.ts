/**
 * A `pipeline` plan's payload: the facts policies read (`PipelinePolicyFacts`), its report (nothing beyond
 * the shared changes and tests yet) and the artifacts apply deploys (`PipelineArtifacts`).
 */
import { z } from 'zod';
import { PipelineSpec } from './pipeline-spec.ts';

// ---------------------------------------------------------------- facts for policies

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

/** `facts` of a `pipeline` plan, as policies read them. Unknown keys pass through to policies. */
export const PipelinePolicyFacts = z.looseObject({
  pipelines: z.array(PipelineFact).default([]).describe('The pipelines this plan adds, changes or removes.'),
}).describe('Facts of a pipeline project plan.');
export type PipelinePolicyFacts = z.infer<typeof PipelinePolicyFacts>;

// ---------------------------------------------------------------- report for render

/** The pipeline sections render from the shared changes and tests; the report has nothing of its own yet. */
export const PipelineReport = z.object({});
export type PipelineReport = z.infer<typeof PipelineReport>;

// ---------------------------------------------------------------- artifacts apply deploys

/** One change apply deploys: the resolved spec and the registry version it expects to replace. */
export const DeployArtifact = z.object({
  pipeline: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  file: z.string().optional(),
  spec: PipelineSpec.optional(),
  expectedVersion: z.number().int().min(0),
});
export type DeployArtifact = z.infer<typeof DeployArtifact>;

export const PipelineArtifacts = z.object({
  deploy: z.array(DeployArtifact),
});
export type PipelineArtifacts = z.infer<typeof PipelineArtifacts>;
