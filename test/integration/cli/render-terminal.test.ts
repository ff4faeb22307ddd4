import { describe, expect, it } from 'vitest';
import { findLineage, lineageTree } from '../../../src/cli/find-lineage.ts';
import { renderTerminalSummary } from '../../../src/cli/render-terminal-plan.ts';
import { terminalStyle } from '../../../src/cli/terminal-style.ts';
import type { Plan } from '../../../src/core/plan.ts';
import { EMPTY_PAYLOAD, planOf } from '../../fakes/plan-payloads.ts';

const lineage = {
  nodes: [
    { name: 'staging.stg_orders', kind: 'model' as const, status: 'unchanged' as const },
    { name: 'marts.orders', kind: 'model' as const, status: 'breaking' as const },
    { name: 'marts.daily_revenue', kind: 'model' as const, status: 'impacted' as const },
  ],
  edges: [{ from: 'staging.stg_orders', to: 'marts.orders' }, { from: 'marts.orders', to: 'marts.daily_revenue' }],
};

function plan(lineageGraph: typeof lineage): Plan {
  const empty = EMPTY_PAYLOAD.sql('analytics');
  return planOf({
    ...empty,
    report: { ...empty.report, lineage: lineageGraph },
    summary: { headline: '1 modified (1 breaking), 1 impacted', add: 0, change: 2, destroy: 0 },
    changes: [{ action: 'update', address: 'marts.orders', risk: 'breaking', detail: ['# `revenue` changed'] }],
    tests: [{ name: 'unique(marts.orders.order_id)', status: 'passed' }, { name: 'not_null(marts.orders.revenue)', status: 'failed', message: '3 failing row(s)' }],
    annotations: [],
    id: 'p', pr: { repo: 'local/x', number: 0 }, project: 'analytics', target: 'warehouse',
    baseSha: 'a'.repeat(40), headSha: 'b'.repeat(40), configHash: 'c', createdAt: '2026-01-01T00:00:00Z',
  });
}

describe('the terminal rendering of a plan', () => {
  it('reads the lineage graph from the report of a SQL plan, and none from an empty graph', () => {
    expect(findLineage(plan(lineage))).toEqual(lineage);
    expect(findLineage(plan({ nodes: [], edges: [] }))).toBeUndefined();
    expect(findLineage(undefined)).toBeUndefined();
  });

  it('draws the lineage as an indented tree', () => {
    expect(lineageTree(lineage, (name, status) => `${name}${status && status !== 'unchanged' ? ` (${status})` : ''}`)).toEqual([
      'staging.stg_orders',
      '└── marts.orders (breaking)',
      '    └── marts.daily_revenue (impacted)',
    ]);
  });

  it('is plain text when piped and coloured on a TTY', () => {
    const view = {
      headSha: 'b'.repeat(40), requirements: [], holdsLocks: false, commandName: 'sluice', now: '2026-01-01T00:00:00Z',
      projects: [{ name: 'analytics', kind: 'sql' as const, target: 'warehouse', status: 'planned' as const, plan: plan(lineage) }],
    };
    const plain = renderTerminalSummary(view, { style: terminalStyle(false), width: 120, title: 'Sluice plan' });
    expect(plain).not.toContain('\u001b[');
    expect(plain).toMatch(/analytics {2}sql {3}warehouse {2}! 1 modified \(1 breaking\), 1 impacted {2}1 of 2 failing/);
    expect(plain).toContain('  ~ marts.orders breaking\n      # `revenue` changed');
    expect(plain).toContain('    ✗ not_null(marts.orders.revenue): 3 failing row(s)');
    expect(plain).toContain('    └── marts.orders (breaking)');
    const narrow = renderTerminalSummary(view, { style: terminalStyle(false), width: 80, title: 'Sluice plan' });
    expect(narrow).toContain('! 1 modified (1 breaking), 1 impa…  1 of 2 failing');
    const coloured = renderTerminalSummary(view, { style: terminalStyle(true), width: 80, title: 'Sluice plan' });
    expect(coloured).toContain('\u001b[31m');
  });
});
