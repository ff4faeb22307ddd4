import { describe, expect, it } from 'vitest';
import { SqlLineageGraph } from '../../../src/core/plans/sql-plan.ts';
import { renderLineageMermaid } from '../../../src/render/render-lineage-mermaid.ts';

const lineage: SqlLineageGraph = SqlLineageGraph.parse({
  nodes: [
    { name: 'marts.orders', kind: 'model', status: 'breaking' },
    { name: 'staging.stg_orders', kind: 'model', status: 'unchanged' },
    { name: 'marts.daily_revenue', kind: 'model', status: 'impacted' },
  ],
  edges: [
    { from: 'staging.stg_orders', to: 'marts.orders' },
    { from: 'marts.orders', to: 'marts.daily_revenue' },
  ],
});

describe('renderLineageMermaid', () => {
  it('draws changed, impacted and unchanged models with their classes', () => {
    expect(renderLineageMermaid(lineage)).toBe([
      'flowchart LR',
      '  marts_orders_0["marts.orders"]:::breaking',
      '  marts_daily_revenue_1["marts.daily_revenue"]:::impacted',
      '  staging_stg_orders_2["staging.stg_orders"]:::unchanged',
      '  staging_stg_orders_2 --> marts_orders_0',
      '  marts_orders_0 --> marts_daily_revenue_1',
      '  classDef breaking fill:#ffd6d6; classDef changed fill:#d6e9ff; classDef added fill:#d9f2d9; '
        + 'classDef removed fill:#eeeeee,stroke-dasharray:4 4; classDef impacted fill:#fff2cc; classDef unchanged fill:#eeeeee',
    ].join('\n'));
  });

  it('drops unchanged context first past the size limit and says how much is hidden', () => {
    const text = renderLineageMermaid(lineage, { maxNodes: 2 });
    expect(text).not.toContain('staging.stg_orders');
    expect(text).toContain('marts_orders_0 --> marts_daily_revenue_1');
    expect(text).toContain('more["… 1 more model not shown"]:::unchanged');
  });

  it('quotes names so odd characters cannot break the chart', () => {
    const odd: SqlLineageGraph = { nodes: [{ name: 'a"b', kind: 'model', status: 'added' }], edges: [] };
    expect(renderLineageMermaid(odd)).toContain('a_b_0["a#quot;b"]:::added');
  });
});
