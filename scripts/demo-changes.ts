// The demo's pull request: edits to the example repo that a data team would make together.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Edit = { readonly file: string; readonly what: string; readonly from: string; readonly to: string };

/** Committed on the branch. */
export const COMMITTED_EDITS: readonly Edit[] = [
  {
    file: 'analytics/models/marts/orders.sql',
    what: 'revenue excludes returned orders (breaking: reaches marts.daily_revenue)',
    from: '  o.amount - o.discount as revenue,',
    to: "  case when o.status = 'returned' then 0 else o.amount - o.discount end as revenue,",
  },
  {
    file: 'analytics/models/marts/customer_lifetime_value.sql',
    what: 'new column days_since_first_order (non-breaking)',
    from: '  h.last_order_at\n',
    to: "  h.last_order_at,\n  date_diff('day', h.first_order_at, h.last_order_at) as days_since_first_order\n",
  },
];

/** Left uncommitted in the working tree: `sluice plan` includes them. */
export const UNCOMMITTED_EDITS: readonly Edit[] = [
  {
    file: 'orchestration/pipelines/orders-daily.yaml',
    what: 'freshness SLA of raw.orders tightened 24h → 6h',
    from: '      warn_after: 12h\n      error_after: 24h',
    to: '      warn_after: 3h\n      error_after: 6h',
  },
  {
    file: 'infra/lake/main.ts',
    what: 'data-lake bucket: tmp/ objects expire after 7 days instead of 14, raw/ archived after 90 days',
    from: "expiration: [{ days: 14 }] },\n        { id: 'archive-raw', status: 'Enabled', filter: [{ prefix: 'raw/' }], transition: [{ days: 180,",
    to: "expiration: [{ days: 7 }] },\n        { id: 'archive-raw', status: 'Enabled', filter: [{ prefix: 'raw/' }], transition: [{ days: 90,",
  },
];

/** Applies edits in `repo`; throws when the example no longer contains the text an edit replaces. */
export function applyEdits(repo: string, edits: readonly Edit[]): string[] {
  return edits.map((edit) => {
    const path = join(repo, edit.file);
    const text = readFileSync(path, 'utf8');
    if (!text.includes(edit.from)) throw new Error(`demo: ${edit.file} no longer contains the text the demo edits`);
    writeFileSync(path, text.replace(edit.from, edit.to));
    return `${edit.file}: ${edit.what}`;
  });
}
