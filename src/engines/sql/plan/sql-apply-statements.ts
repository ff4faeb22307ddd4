/**
 * The statements apply runs, fixed at plan time: schemas, then drops (removed models, then the planned
 * ones downstream first), then each planned model created from its SQL as written, in dependency order.
 * Production models read production models, so no rewrite is needed here.
 */
import type { BuiltModel } from '../build/build-pr-environment.ts';
import { createStatement, dropStatement, type Quote } from '../build/model-statements.ts';
import type { PlannedModel, SqlPlanArtifacts } from './sql-plan-artifacts.ts';

export type Statement = SqlPlanArtifacts['statements'][number];

export function applyStatements(q: Quote, built: readonly BuiltModel[], planned: readonly PlannedModel[], removed: SqlPlanArtifacts['removed']): Statement[] {
  const schemas = [...new Set(planned.map((p) => p.schema))].map((s) => ({ model: '', sql: `CREATE SCHEMA IF NOT EXISTS ${q(s)}` }));
  const drop = (p: { name: string; schema: string; table: string; before: PlannedModel['before'] }): Statement[] => {
    const sql = dropStatement(q, p.schema, p.table, p.before.object);
    return sql === undefined ? [] : [{ model: p.name, sql }];
  };
  const creates = built.map((b) => ({ model: b.model.name, sql: createStatement({ q, kind: b.model.meta.kind, schema: b.schema, table: b.table, select: b.model.sql }).sql }));
  return [...schemas, ...removed.toReversed().flatMap(drop), ...planned.toReversed().flatMap(drop), ...creates];
}

export function plannedModel(built: BuiltModel, fingerprint: string, before: PlannedModel['before']): PlannedModel {
  return { name: built.model.name, schema: built.schema, table: built.table, kind: built.model.meta.kind, fingerprint, before };
}
