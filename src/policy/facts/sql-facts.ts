import { z } from 'zod';

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

/** `PlanBody.facts` of a `sql` project plan. Unknown keys pass through to policies. */
export const SqlFacts = z.looseObject({
  models: z.array(SqlModelFact).default([]).describe('Every model the plan builds: added, modified, and impacted downstream.'),
  removedModels: z.array(SqlRemovedModelFact).default([]).describe('Models the pull request deletes.'),
  failingTests: z.number().int().min(0).default(0).describe('Failing data tests of the whole plan.'),
}).describe('Facts of a sql project plan.');
export type SqlFacts = z.infer<typeof SqlFacts>;

export const SQL_FACTS_EXAMPLE: z.input<typeof SqlFacts> = {
  models: [
    {
      name: 'marts.orders', change: 'modified', category: 'breaking', reasons: ['amount retyped', 'status filter changed'],
      tags: ['critical'], owners: ['acme/analytics-owners'], downstream: ['marts.daily_revenue', 'marts.customer_ltv'],
      newPiiColumns: [], rows: { before: 1_000_000, added: 0, removed: 1_204, changed: 48_311, unchanged: 950_485 },
      changedShare: 0.0495, failingTests: 0,
    },
    {
      name: 'marts.daily_revenue', change: 'indirect', category: 'indirect', tags: [], owners: ['acme/finance'], downstream: [],
      newPiiColumns: [], rows: { before: 365, added: 0, removed: 0, changed: 212, unchanged: 153 }, changedShare: 0.58, failingTests: 0,
    },
  ],
  removedModels: [{ name: 'marts.legacy_orders', tags: [], owners: ['acme/analytics-owners'], readers: ['dashboards.revenue'] }],
  failingTests: 0,
};
