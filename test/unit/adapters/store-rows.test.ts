import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/outcome.ts';
import { planValues, PLAN_COLUMNS, rowToPlan } from '../../../src/adapters/store/store-rows.ts';
import { makePlan } from '../render/views.ts';

const plan = makePlan({ project: 'analytics', kind: 'sql', target: 'warehouse', summary: { headline: 'no changes', add: 0, change: 0, destroy: 0 } });
const row = (body: unknown) => Object.fromEntries(PLAN_COLUMNS.map((c, i) => [c, c === 'body' ? JSON.stringify(body) : planValues(plan)[i]]));

describe('reading a stored plan', () => {
  it('parses the row with the plan schema', () => {
    expect(rowToPlan(Object.fromEntries(PLAN_COLUMNS.map((c, i) => [c, planValues(plan)[i]])))).toEqual(plan);
  });

  it('refuses a row that does not match the schema of its kind, naming the plan and the field', () => {
    const { id: _id, pr: _pr, project: _project, kind: _kind, target: _target, baseSha: _b, headSha: _h, configHash: _c, createdAt: _at, ...body } = plan;
    const renamed = { ...body, report: { ...plan.kind === 'sql' ? plan.report : {}, lineage: 'flowchart LR' } };
    expect(() => rowToPlan(row(renamed))).toThrow(AppError);
    expect(() => rowToPlan(row(renamed))).toThrow(/reading plan plan-analytics: the stored plan does not match the plan schema \(report\.lineage: /);
  });
});
