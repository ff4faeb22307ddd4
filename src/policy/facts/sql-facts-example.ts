import type { z } from 'zod';
import type { SqlPolicyFacts } from '../../core/plans/sql-plan.ts';

/**
 * The facts policies read of a `sql` plan: the plan's own facts schema (src/core/plans/sql-plan.ts),
 * re-exported here with the example docs/policy-facts.md shows.
 */
export { SqlModelFact, SqlPolicyFacts, SqlRemovedModelFact, SqlRowDiffFact } from '../../core/plans/sql-plan.ts';

export const SQL_FACTS_EXAMPLE: z.input<typeof SqlPolicyFacts> = {
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
