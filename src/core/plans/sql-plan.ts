/**
 * A `sql` plan's payload: the facts policies read (`SqlPolicyFacts`), the report render and the CLI display
 * (`SqlReport`: statuses, data diffs, the lineage graph as data) and the artifacts apply runs (`SqlPlanArtifacts`).
 */
import { z } from 'zod';
import { DataDiff } from './sql-data-diff.ts';

// ---------------------------------------------------------------- facts for policies

/** Row counts of a model's data diff: PR build compared with production, by primary key. */
export const SqlRowDiffFact = z.object({
  before: z.number().int().min(0).describe('Rows in production before the change.'),
  added: z.number().int().min(0).describe('Rows only in the PR build.'),
  removed: z.number().int().min(0).describe('Rows only in production.'),
  changed: z.number().int().min(0).describe('Rows in both whose values differ.'),
  unchanged: z.number().int().min(0).describe('Rows in both with equal values.'),
}).describe('Row counts of the data diff (PR build vs production, by primary key).');

/** One model this plan builds: changed directly, or impacted downstream. */
export const SqlModelFact = z.object({
  name: z.string().describe('`schema.name`.'),
  change: z.enum(['added', 'modified', 'indirect']).describe('`added`, `modified` (its SQL changed) or `indirect` (rebuilt because an upstream model changed).'),
  category: z.enum(['breaking', 'non-breaking', 'indirect']).describe('`breaking`: consumers may see different columns or rows; `non-breaking`: additive only; `indirect`: rebuilt only.'),
  reasons: z.array(z.string()).default([]).describe('Why it is breaking, in words (`amount retyped`, `status filter changed`).'),
  tags: z.array(z.string()).default([]).describe('Tags from the model\'s metadata, e.g. `critical`.'),
  owners: z.array(z.string()).default([]).describe('Owners from the model\'s metadata: `org/team` or logins.'),
  downstream: z.array(z.string()).default([]).describe('Models (and exposures) that read this one, transitively.'),
  newPiiColumns: z.array(z.string()).default([]).describe('Columns tagged `pii` that this change exposes for the first time (new, or newly tagged).'),
  rows: SqlRowDiffFact.optional().describe('The row-level data diff; absent when the model has no grain or no production table.'),
  changedShare: z.number().min(0).default(0).describe('Share of production rows added, removed or changed, 0 to 1 (0 without a row-level diff).'),
  failingTests: z.number().int().min(0).default(0).describe('Data tests of this model that failed on the PR build.'),
}).describe('A model the plan builds (changed or impacted).');

/** A model the PR deletes, with whoever still reads it. */
export const SqlRemovedModelFact = z.object({
  name: z.string().describe('`schema.name`.'),
  tags: z.array(z.string()).default([]).describe('Tags from the model\'s metadata.'),
  owners: z.array(z.string()).default([]).describe('Owners from the model\'s metadata: `org/team` or logins.'),
  readers: z.array(z.string()).default([]).describe('Models, exposures and dashboards that read it in production.'),
}).describe('A model the pull request removes.');

/** `facts` of a `sql` plan, as policies read them. Unknown keys pass through to policies. */
export const SqlPolicyFacts = z.looseObject({
  models: z.array(SqlModelFact).default([]).describe('Every model the plan builds: added, modified, and impacted downstream.'),
  removedModels: z.array(SqlRemovedModelFact).default([]).describe('Models the pull request deletes.'),
  failingTests: z.number().int().min(0).default(0).describe('Failing data tests of the whole plan.'),
}).describe('Facts of a sql project plan.');
export type SqlPolicyFacts = z.infer<typeof SqlPolicyFacts>;

// ---------------------------------------------------------------- report for render and the CLI

/** A node's status in the lineage graph. */
export const SqlNodeStatus = z.enum(['breaking', 'non-breaking', 'added', 'removed', 'impacted', 'unchanged']);
export type SqlNodeStatus = z.infer<typeof SqlNodeStatus>;

/** Changed and impacted models with their direct upstream, as the engine computes them; edges point downstream. */
export const SqlLineageGraph = z.object({
  nodes: z.array(z.object({ name: z.string(), kind: z.enum(['model', 'source']), status: SqlNodeStatus })),
  edges: z.array(z.object({ from: z.string(), to: z.string() })),
});
export type SqlLineageGraph = z.infer<typeof SqlLineageGraph>;

export const SqlReportStatus = z.enum(['added', 'breaking', 'non-breaking', 'indirect', 'removed']);
export type SqlReportStatus = z.infer<typeof SqlReportStatus>;

/** One model of the report: its status, reasons and data diff (samples already masked). */
export const SqlReportModel = z.object({
  name: z.string(),
  status: SqlReportStatus,
  reasons: z.array(z.string()),
  /** Production has no such table yet: no diff. */
  isNew: z.boolean().optional(),
  diff: DataDiff.optional(),
  diffError: z.string().optional(),
  /** Incremental models: the PR build (and its diff) cover rows since then only. */
  windowSince: z.string().optional(),
});
export type SqlReportModel = z.infer<typeof SqlReportModel>;

/** What render shows of a `sql` plan: counts by status, every model, the lineage graph. */
export const SqlReport = z.object({
  counts: z.record(SqlReportStatus, z.number().int().min(0)),
  models: z.array(SqlReportModel),
  lineage: SqlLineageGraph,
  /** How many days of rows incremental models are built and compared on. */
  windowDays: z.number(),
});
export type SqlReport = z.infer<typeof SqlReport>;

// ---------------------------------------------------------------- artifacts apply runs

/** How production looked at plan time for one model: apply refuses when it looks different. */
export const ProductionState = z.object({
  /** The fingerprint recorded in `_sluice.sql_deployments`, null when Sluice never deployed it. */
  fingerprint: z.string().nullable(),
  /** The object in production: a table, a view, or nothing yet. */
  object: z.enum(['table', 'view', 'none']),
});
export type ProductionState = z.infer<typeof ProductionState>;

export const PlannedModel = z.object({
  name: z.string(),
  schema: z.string(),
  table: z.string(),
  kind: z.enum(['view', 'table', 'incremental']),
  /** The head's fingerprint, recorded in `_sluice.sql_deployments` on apply. */
  fingerprint: z.string(),
  before: ProductionState,
});
export type PlannedModel = z.infer<typeof PlannedModel>;

export const SqlPlanArtifacts = z.object({
  engine: z.literal('sql'),
  project: z.string(),
  /** Models to (re)build in production, in dependency order. */
  models: z.array(PlannedModel),
  /** Models the PR deletes, dropped from production. */
  removed: z.array(z.object({ name: z.string(), schema: z.string(), table: z.string(), before: ProductionState })),
  /** The statements apply runs in one transaction, in order. */
  statements: z.array(z.object({ model: z.string(), sql: z.string() })),
  /** The PR schemas this plan built (dropped on cleanup). */
  prSchemas: z.array(z.string()),
});
export type SqlPlanArtifacts = z.infer<typeof SqlPlanArtifacts>;
